package dev.godwit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.config.BackupSettings;
import dev.godwit.db.SessionTimeouts;
import dev.godwit.testing.Await;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A managed service's short idle timeouts ({@code idle_in_transaction_session_timeout}, {@code idle_session_timeout}
 * = 1s on the database) must not end a backup whose snapshot session waits, idle in its transaction, while pg_dump
 * works: the backup is held until that session has been idle for twice the timeout, as pg_stat_activity shows.
 */
@ExtendWith(PostgresExtension.class)
class SessionTimeoutsTest {

    @TempDir
    Path dir;

    @Test
    void aBackupOutlivesShortIdleTimeouts(TestDatabase db) throws Exception {
        db.execute("create table accounts (id bigint primary key)", "insert into accounts select generate_series(1, 100)",
                "alter database " + db.name() + " set idle_in_transaction_session_timeout = '1s'",
                "alter database " + db.name() + " set idle_session_timeout = '1s'");
        assertThat(anOrdinarySessionIdleInTransactionIsEnded(db)).as("the timeout is in force").isTrue();

        TestProject project = new TestProject(db, dir).backup(BackupSettings.defaults(dir.resolve("backups")));
        Backups b = new Backups(project.config());
        Manifest m = b.create(Backups.Request.manual("r"), n -> { }, file -> {
            // Hold the backup here, its snapshot exported and pg_dump started, until the snapshot session has sat
            // idle in its transaction for 2 s, or was ended by the server.
            Await.until("the snapshot session idle in transaction for 2s, or ended", () -> db.count(
                    "select count(*) from pg_stat_activity where datname = current_database()"
                    + " and application_name = 'godwit' and state = 'idle in transaction'"
                    + " and now() - state_change < interval '2 s'") == 0);
            return FolderStore.createPrivate(file);
        });

        assertThat(m.rowCounts()).containsEntry("public.accounts", 100L);
        assertThat(b.verify(m, Optional.empty()).ok()).isTrue();
    }

    /** The control: a session that does not turn the timeout off is ended by the server after 1 s. */
    private static boolean anOrdinarySessionIdleInTransactionIsEnded(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            int pid;
            try (Statement s = c.createStatement(); var rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            Await.until("the idle session ended", () -> db.count("select count(*) from pg_stat_activity where pid = "
                    + pid) == 0);
            return true;
        }
    }

    @Test
    void keepAliveTurnsBothTimeoutsOffForTheSessionOnly(TestDatabase db) throws Exception {
        db.execute("alter database " + db.name() + " set idle_session_timeout = '1s'");
        try (Connection c = db.connect()) {
            SessionTimeouts.keepAlive(c);
            try (Statement s = c.createStatement(); var rs = s.executeQuery("select current_setting("
                    + "'idle_in_transaction_session_timeout'), current_setting('idle_session_timeout')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("0");
                assertThat(rs.getString(2)).isEqualTo("0");
            }
        }
        assertThat(SessionTimeouts.pgOptions(15)).isEqualTo("-c idle_in_transaction_session_timeout=0"
                + " -c idle_session_timeout=0");
        assertThat(SessionTimeouts.pgOptions(13)).as("PostgreSQL 13 has no idle_session_timeout")
                .isEqualTo("-c idle_in_transaction_session_timeout=0");
    }
}
