package dev.godwit.preflight;

import dev.godwit.config.PreflightSettings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.execute.Migrate;
import dev.godwit.execute.PreflightStep;
import dev.godwit.run.RunOutcome;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database whose new transactions are read-only is refused before anything runs, naming the setting; a role
 * without pg_read_all_stats is told what it cannot see instead of having a forgotten lock holder quietly turned
 * into a warning. (The hot standby is tested whole-process, against a real standby: ReadOnlyTargetIT.)
 */
@ExtendWith(PostgresExtension.class)
class ReadOnlyAndVisibilityTest {

    @TempDir
    Path dir;

    static Check check(PreflightReport r, String id) {
        return r.checks().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void defaultTransactionReadOnlyFailsPreflightAndMigrateBeforeAnythingRuns(TestDatabase db) throws Exception {
        TestProject project = new TestProject(db, dir).preflight(PreflightSettings.defaults());
        project.write("V1__accounts.sql", "create table accounts (id bigint primary key);");
        db.execute("alter database " + db.name() + " set default_transaction_read_only = on");

        try (Connection c = db.connect()) {
            assertThat(ReadOnlyTarget.refusal(c)).hasValueSatisfying(why -> assertThat(why).contains(
                    "transaction_read_only is on", "default_transaction_read_only = on, set in database",
                    "ALTER DATABASE " + db.name() + " SET default_transaction_read_only = off"));
            Check writable = check(PreflightStep.check(project.config(), c), "writable");
            assertThat(writable.status()).isEqualTo(Status.FAIL);
        }
        RunOutcome outcome = new Migrate(project.setup(e -> { })).run(Optional.empty());
        assertThat(outcome).isInstanceOf(RunOutcome.NotReady.class);
        assertThat(((RunOutcome.NotReady) outcome).report().failures()).extracting(Check::id).contains("writable");
        assertThat(db.tableExists("public.accounts")).isFalse();

        db.execute("set default_transaction_read_only = off",
                "alter database " + db.name() + " set default_transaction_read_only = off");
        try (Connection c = db.connect()) {
            assertThat(ReadOnlyTarget.refusal(c)).isEmpty();
        }
    }

    @Test
    void aRoleWithoutPgReadAllStatsIsToldWhatItCannotSee(TestDatabase db) throws Exception {
        String role = "preflight_" + UUID.randomUUID().toString().substring(0, 8);
        db.execute("create role " + role + " login", "grant all on database " + db.name() + " to " + role,
                "grant all on schema public to " + role,
                "create table accounts (id bigint primary key)", "alter table accounts owner to " + role);
        TestDatabase asRole = new TestDatabase(db.host(), db.port(), db.name(), role, null);
        TestProject project = new TestProject(asRole, dir).preflight(PreflightSettings.defaults()
                .withLockHolderFail(Duration.ofMillis(1)));
        project.write("V1__add.sql", "alter table accounts add column note text;");
        try (Connection holder = db.connect()) { // the superuser: a session of another role
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("select count(*) from accounts").close();
            }
            try (Connection c = asRole.connect()) {
                PreflightReport r = PreflightStep.check(project.config(), c);
                Check visibility = check(r, "visibility");
                assertThat(visibility.status()).isEqualTo(Status.WARN);
                assertThat(visibility.summary()).contains("hidden from role " + role, "lacks pg_read_all_stats");
                assertThat(visibility.details()).containsExactly("GRANT pg_read_all_stats TO " + role
                        + " lets Godwit judge them");
                Check locks = check(r, "table-locks");
                assertThat(locks.status()).isEqualTo(Status.WARN);
                assertThat(locks.details()).singleElement().asString().contains("hidden from role " + role,
                        "GRANT pg_read_all_stats TO " + role);
            }
            db.execute("grant pg_read_all_stats to " + role);
            try (Connection c = asRole.connect()) {
                PreflightReport r = PreflightStep.check(project.config(), c);
                assertThat(check(r, "visibility").status()).isEqualTo(Status.PASS);
                assertThat(check(r, "table-locks").status()).as("now seen: an open transaction past the limit")
                        .isEqualTo(Status.FAIL);
            }
            holder.rollback();
        } finally {
            db.execute("drop owned by " + role, "drop role " + role);
        }
    }
}
