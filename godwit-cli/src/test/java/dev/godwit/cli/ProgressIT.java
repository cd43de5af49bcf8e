package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A long migration is not silent (issue 20, item 1). Each statement here lasts a known minimum (pg_sleep, or an
 * index whose key function sleeps per row), longer than the two seconds after which progress starts, so the
 * lines appear however fast or loaded the machine is.
 */
class ProgressIT extends CliTestBase {

    @Test
    void offATerminalALongStatementPrintsPlainProgressLines() {
        write("V1__wait.sql", "select pg_sleep(4);\n");
        GodwitProcess.Result r = run("migrate", "--progress-every", "1s");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("V1 wait, statement 1 of 1 (V1__wait.sql:1:1), running ")
                .doesNotContain("\r");
    }

    @Test
    void anIndexBuildShowsWhatPostgresqlReportsOfItsProgress() {
        // 4000 rows, each key computed with a 1 ms sleep: at least 4 s in the table scan phase.
        db.execute("create table entries as select g as id from generate_series(1, 4000) g",
                "create function slow_key(i int) returns int language plpgsql immutable as"
                        + " $$ begin perform pg_sleep(0.001); return i; end $$");
        write("V1__index.sql", "-- godwit:allow create-index-not-concurrently because the table is the test's own\n"
                + "create index entries_slow on entries (slow_key(id));\n");
        GodwitProcess.Result r = run("migrate", "--progress-every", "1s");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("(V1__index.sql:2:1), running ")
                .contains("CREATE INDEX: building index: scanning table");
    }

    @Test
    void onATerminalTheProgressLineIsRedrawnInPlace() throws Exception {
        write("V1__wait.sql", "select pg_sleep(4);\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = String.join(" ", List.of(java, "-jar", System.getProperty("godwit.jar"), "migrate", "--url",
                url()));
        // script(1) gives the child a pseudo-terminal, as a person's shell would.
        Process p = new ProcessBuilder("script", "-qec", command, "/dev/null").directory(dir.toFile())
                .redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("\r\u001b[K  V1 wait, statement 1 of 1 (V1__wait.sql:1:1), running ")
                .contains("V1 wait in ");
    }
}
