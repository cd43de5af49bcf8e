package dev.godwit.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The extension on a real PostgreSQL: migrated once, a clean copy per test, the database injected. */
@GodwitTest
class GodwitExtensionTest {

    private static final List<String> NAMES = new ArrayList<>();

    private static TestServer lastServer;

    private GodwitDatabase before;

    @BeforeEach
    void remember(GodwitDatabase db) {
        before = db;
        lastServer = db.server();
    }

    @Test
    void theMigrationsAreAppliedAndRecordedInGodwitsHistory(DataSource ds) throws SQLException {
        assertThat(query(ds, "select count(*) from transfers")).isEqualTo(0);
        assertThat(query(ds, "select count(*) from godwit.history where success")).isEqualTo(2);
    }

    /** Run twice: each run sees only its own row, so the second run got a copy the first did not touch. */
    @RepeatedTest(2)
    void eachTestStartsFromTheMigratedTemplateNotFromTheLastTest(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("insert into accounts (owner, balance) values ('ada', 10)");
        }
        assertThat(query(ds, "select count(*) from accounts")).isEqualTo(1);
    }

    @RepeatedTest(2)
    void theDatabaseIsTheSameForBeforeEachAndTheTestAndNewForEachTest(GodwitDatabase db) {
        assertThat(db.name()).isEqualTo(before.name()).startsWith("godwit_test_");
        synchronized (NAMES) {
            assertThat(NAMES).doesNotContain(db.name());
            NAMES.add(db.name());
        }
        assertThat(db.url()).startsWith("postgres://").endsWith("/" + db.name());
        assertThat(db.jdbcUrl()).startsWith("jdbc:postgresql://").endsWith("/" + db.name());
    }

    @Test
    void godwitOnTheTestDatabaseSeesNothingPending(GodwitDatabase db) {
        assertThat(db.godwit().load().status().planned().valid()).isTrue();
        assertThat(db.godwit().load().migrate().describe()).startsWith("nothing-to-do (exit 0)");
    }

    @Test
    void theProjectsMigrationsPassEveryAssertion(GodwitDatabase db) {
        GodwitAssertions.assertLintsClean(db, "high");
        GodwitAssertions.assertDownScriptsRestoreSchema(db);
        GodwitAssertions.assertInvariantsHold(db);
    }

    @AfterAll
    static void everyTestDatabaseIsDroppedAfterItsTest() throws SQLException {
        assertThat(NAMES).hasSize(2);
        var admin = lastServer.settings("postgres");
        try (Connection c = java.sql.DriverManager.getConnection(admin.jdbcUrl(), admin.jdbcProperties());
             var ps = c.prepareStatement("select count(*) from pg_database where datname = any (?)")) {
            ps.setArray(1, c.createArrayOf("text", NAMES.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    static long query(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
