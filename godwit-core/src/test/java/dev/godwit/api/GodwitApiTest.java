package dev.godwit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.run.RunEvent;
import dev.godwit.run.RunOutcome;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Java API on a real PostgreSQL, with migrations packed in a jar on the class path. */
@ExtendWith(PostgresExtension.class)
class GodwitApiTest {

    @TempDir
    Path tmp;

    private GodwitBuilder configure(TestDatabase db) {
        return Godwit.configure()
                .url(db.postgresUrl())
                .locations("classpath:db/godwit")
                .environmentVariables(Map.of())
                .workingDirectory(tmp)
                .set("report.dir", tmp.resolve("reports").toString());
    }

    /** Runs {@code body} with a class loader that sees only the jar (as an application's own jar). */
    private <T> T withJar(Map<String, String> files, java.util.concurrent.Callable<T> body) throws Exception {
        Path jar = tmp.resolve("app-" + System.nanoTime() + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("db/"));
            out.putNextEntry(new JarEntry("db/godwit/"));
            for (Map.Entry<String, String> f : files.entrySet()) {
                out.putNextEntry(new JarEntry("db/godwit/" + f.getKey()));
                out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            return body.call();
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    @Test
    void migratesFromTheClassPathWithHistoryAuditAndReport(TestDatabase db) throws Exception {
        List<RunEvent> events = new ArrayList<>();
        RunResult r = withJar(Map.of(
                "V1__accounts.sql", "create table accounts (id bigint primary key, balance numeric(12,2));\n",
                "V2__owner.sql", "alter table accounts add column owner text;\n"),
                () -> configure(db).listener(events::add).load().migrate());

        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(r.exitCode()).isZero();
        assertThat(((RunOutcome.Done) r.outcome()).applied()).hasSize(2);
        assertThat(db.count("select count(*) from godwit.history where success")).isEqualTo(2);
        assertThat(db.queryValue("select script from godwit.history where version = '1'")).isEqualTo("V1__accounts.sql");
        assertThat(db.count("select count(*) from godwit.audit_log where action = 'migration_applied' and run_id = '"
                + r.runId() + "'")).isEqualTo(2);
        assertThat(r.report()).hasValueSatisfying(p -> assertThat(p).exists().startsWith(tmp.resolve("reports")));
        assertThat(r.auditHead()).isPresent();
        assertThat(events).anyMatch(e -> e instanceof RunEvent.MigrationApplied);

        RunResult again = withJar(Map.of(
                "V1__accounts.sql", "create table accounts (id bigint primary key, balance numeric(12,2));\n",
                "V2__owner.sql", "alter table accounts add column owner text;\n"),
                () -> configure(db).load().migrate());
        assertThat(again.succeeded()).isTrue();
        assertThat(((RunOutcome.Done) again.outcome()).applied()).isEmpty();
        assertThat(again.report()).isEmpty();
    }

    @Test
    void separationOfDutiesIsATypedRefusalWithItsAuditEntry(TestDatabase db) throws Exception {
        RunResult r = withJar(Map.of("V1__accounts.sql", "create table accounts (id bigint primary key);\n"),
                () -> configure(db).set("audit.require_ticket", true).load().migrate());

        assertThat(r.outcome()).isInstanceOf(RunOutcome.Refused.class);
        assertThat(((RunOutcome.Refused) r.outcome()).message()).contains("needs a change ticket");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(db.count("select count(*) from godwit.audit_log where action = 'refused'")).isEqualTo(1);
        assertThat(db.tableExists("public.accounts")).isFalse();
        assertThatThrownBy(r::orThrow).isInstanceOf(RunFailedException.class)
                .satisfies(e -> assertThat(((RunFailedException) e).exitCode()).isEqualTo(2));

        RunResult withTicket = withJar(Map.of("V1__accounts.sql", "create table accounts (id bigint primary key);\n"),
                () -> configure(db).set("audit.require_ticket", true).ticket("CHG-42", null).load().migrate());
        assertThat(withTicket.succeeded()).isTrue();
    }

    @Test
    void theSafetyGateAndIntegrityChecksComeBackTyped(TestDatabase db) throws Exception {
        db.execute("create table accounts (id bigint primary key, balance numeric(12,2))",
                "insert into accounts select g, 10 from generate_series(1, 1000) g");
        RunResult blocked = withJar(Map.of("V1__drop.sql", "alter table accounts drop column balance;\n"),
                () -> configure(db).load().migrate());
        assertThat(blocked.outcome()).isInstanceOf(RunOutcome.Blocked.class);
        assertThat(blocked.exitCode()).isEqualTo(ExitCode.SAFETY_GATE);

        RunResult lost = withJar(Map.of("V1__close.sql", "delete from accounts where id = 1;\n"),
                () -> configure(db).load().migrate());
        assertThat(lost.outcome()).isInstanceOf(RunOutcome.Failed.class);
        assertThat(lost.exitCode()).isEqualTo(ExitCode.INTEGRITY);
        assertThat(db.count("select count(*) from accounts")).isEqualTo(1000);
    }

    @Test
    void cleanIsRefusedAndAuditedUnlessAllowedAndConfirmed(TestDatabase db) throws Exception {
        Godwit g = withJar(Map.of("V1__a.sql", "create table a (id int);\n"), () -> configure(db).load());
        assertThatThrownBy(() -> g.clean(true)).isInstanceOf(GodwitException.class)
                .satisfies(e -> assertThat(((GodwitException) e).exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("clean_disabled");
        assertThat(db.count("select count(*) from godwit.audit_log where action = 'clean_refused'")).isEqualTo(1);
    }

    @Test
    void badSettingsAreExitTwoWithTheFilesWords() {
        assertThatThrownBy(() -> Godwit.configure().url("postgres://u@localhost/x").environmentVariables(Map.of())
                .set("lint.max_risk", "enormous").load())
                .isInstanceOf(GodwitException.class)
                .satisfies(e -> assertThat(((GodwitException) e).exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("max_risk");
    }

    @Test
    void aPasswordNeverAppearsInAMessage(TestDatabase db) {
        Godwit g = Godwit.configure().url("postgres://app:s3cret-pw@127.0.0.1:1/nowhere").environmentVariables(Map.of())
                .workingDirectory(tmp).load();
        assertThatThrownBy(g::status).isInstanceOf(GodwitException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-pw"));
        assertThat(g.config().toString()).doesNotContain("s3cret-pw");
    }
}
