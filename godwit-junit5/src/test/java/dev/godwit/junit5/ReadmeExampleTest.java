package dev.godwit.junit5;

import static dev.godwit.junit5.GodwitAssertions.assertDownScriptsRestoreSchema;
import static dev.godwit.junit5.GodwitAssertions.assertLintsClean;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The example of docs/junit5.md and the README, as written there. */
@GodwitTest // migrations from classpath:db/godwit (src/main/resources/db/godwit)
class ReadmeExampleTest {

    @Test
    void startsEmpty(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection();
             ResultSet rs = c.createStatement().executeQuery("select count(*) from accounts")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void migrationsAreSafe(GodwitDatabase db) {
        assertLintsClean(db, "high");
        assertDownScriptsRestoreSchema(db);
    }
}
