package dev.godwit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The machine's load when a figure was taken: on a shared machine a figure means little without it. */
final class Load {

    private Load() {}

    /** {@code 2026-11-21T09:40:00Z, load 1.20 0.90 0.80, 2 CPUs}. */
    static String now() {
        String load;
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            load = "load " + f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            load = "load unknown";
        }
        return Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", " + load + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs";
    }
}
