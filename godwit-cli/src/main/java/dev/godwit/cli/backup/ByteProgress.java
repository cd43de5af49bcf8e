package dev.godwit.cli.backup;

import java.io.PrintStream;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The bytes a backup has written, as a progress bar on standard error; only on a terminal (never in a pipe,
 * a log or a test) and never with {@code --json}. The size of a dump is not known in advance, so the bar
 * counts MiB and shows the speed.
 */
public final class ByteProgress implements LongConsumer, AutoCloseable {

    private final ProgressBar bar;

    private ByteProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar when {@code show}, else a consumer that ignores everything. */
    public static ByteProgress of(boolean show, String task) {
        if (!show) {
            return new ByteProgress(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(-1).setUnit(" MiB", 1 << 20)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true))).build();
        return new ByteProgress(bar);
    }

    @Override
    public void accept(long bytes) {
        if (bar != null) {
            bar.stepTo(bytes);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
