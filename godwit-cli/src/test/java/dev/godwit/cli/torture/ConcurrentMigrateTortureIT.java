package dev.godwit.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.cli.GodwitProcess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sixteen {@code godwit migrate} processes started at once on one database with the 40-migration set (half of
 * them willing to wait only a second for the lock): every migration is applied exactly once, and every process
 * exits 0 (it applied the set, or found nothing pending after waiting) or 3 (it gave up waiting for the lock).
 */
class ConcurrentMigrateTortureIT extends TortureBase {

    static final int PROCESSES = 16;

    @Test
    void sixteenRunnersApplyEachMigrationExactlyOnceAndExitZeroOrThree() throws Exception {
        config("[lint]\ngate = false\n");
        MigrationSet.writeTo(migrations());

        List<Process> started = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            started.add(i % 2 == 0 ? godwit.start("migrate", "--url", url(), "--lock-wait", "1s")
                    : godwit.start("migrate", "--url", url()));
        }
        List<CompletableFuture<GodwitProcess.Result>> results = new ArrayList<>();
        for (Process p : started) {
            p.getOutputStream().close();
            results.add(CompletableFuture.supplyAsync(() -> finish(p)));
        }
        List<GodwitProcess.Result> ended = new ArrayList<>();
        for (CompletableFuture<GodwitProcess.Result> r : results) {
            ended.add(record(r.get(3, TimeUnit.MINUTES)));
        }
        TortureSummary.add("concurrent migrate processes", PROCESSES);
        TortureSummary.count("trials: 16 concurrent migrates");

        String all = String.join("\n----\n", ended.stream().map(Object::toString).toList());
        assertThat(ended).as(all).allMatch(r -> r.exitCode() == 0 || r.exitCode() == 3);
        assertThat(ended.stream().filter(r -> r.stdout().contains("Done: " + MigrationSet.SIZE + " migration(s) applied")))
                .as(all).hasSize(1);
        State.assertAppliedExactlyOnce(db, all);
        ended.stream().filter(r -> r.exitCode() == 3).forEach(r ->
                assertThat(r.stderr()).as(r.toString()).contains("nothing was applied"));
        TortureSummary.add("concurrent exits 3", ended.stream().filter(r -> r.exitCode() == 3).count());
    }

    private static GodwitProcess.Result finish(Process p) {
        try {
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            String out = read(p.getInputStream());
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            return new GodwitProcess.Result(p.exitValue(), out, err.get());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
