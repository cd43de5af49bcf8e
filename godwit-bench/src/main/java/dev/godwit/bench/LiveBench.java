package dev.godwit.bench;

/** Placeholder: filled in below. */
public final class LiveBench {
    private LiveBench() {}

    public static String main(String[] args) throws Exception {
        throw new UnsupportedOperationException("live: not yet");
    }
}
