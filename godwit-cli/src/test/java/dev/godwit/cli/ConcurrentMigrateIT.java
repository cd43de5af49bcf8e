package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Several deploys at once: each migration is applied exactly once, and every process exits 0 or 3. */
class ConcurrentMigrateIT extends CliTestBase {

    @Test
    void concurrentRunnersApplyEachMigrationExactlyOnce() throws Exception {
        db.execute("create table applied_log (version int)");
        for (int v = 1; v <= 5; v++) {
            write("V" + v + "__step.sql", "create table t" + v + " (id int);\n"
                    + "insert into applied_log values (" + v + ");\nselect pg_sleep(0.2);\n");
        }
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            processes.add(godwit.start("migrate", "--url", url()));
        }
        List<Integer> exits = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (Process p : processes) {
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
            exits.add(p.exitValue());
            outputs.add(out);
        }

        assertThat(exits).as(String.join("\n----\n", outputs)).containsOnly(0);
        assertThat(db.count("select count(*) from applied_log")).isEqualTo(5);
        assertThat(db.count("select count(distinct version) from applied_log")).isEqualTo(5);
        assertThat(db.count("select count(*) from godwit.history")).isEqualTo(5);
        assertThat(outputs.stream().filter(o -> o.contains("Done: 5 migration(s) applied")).count()).isOne();
    }
}
