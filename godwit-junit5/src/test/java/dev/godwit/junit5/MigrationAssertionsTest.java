package dev.godwit.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.opentest4j.AssertionFailedError;

/**
 * The assertions fail, with file and line, on migrations that deserve it. max_risk is raised here only to show that
 * the settings reach Godwit (the gate itself lets the drop through: the table is new in the same run).
 */
@GodwitTest(locations = "classpath:junit-fixtures/risky", settings = "lint.max_risk=critical")
class MigrationAssertionsTest {

    @Test
    void aRiskyMigrationFailsTheLintAssertionWithItsFileAndLine(GodwitDatabase db) {
        assertThatThrownBy(() -> GodwitAssertions.assertLintsClean(db, "high"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("1 finding(s) at or above high")
                .hasMessageContaining("V2__drop_note.sql:2:1 high drop-column:");
        GodwitAssertions.assertLintsClean(db, "critical"); // the same files pass at a risk they stay under
    }

    @Test
    void aDownScriptThatForgetsAColumnFailsTheRollbackAssertion(GodwitDatabase db) {
        assertThatThrownBy(() -> GodwitAssertions.assertDownScriptsRestoreSchema(db))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("the down script of V2__drop_note.sql does not restore the schema it found")
                .hasMessageContaining("column public.accounts.note");
    }

    @Test
    void aBrokenInvariantFailsTheInvariantAssertionWithTheOffendingRows(GodwitDatabase db) throws Exception {
        GodwitDatabase checked = new GodwitDatabase(db.server(), new Migrations(
                List.of("classpath:db/godwit"), "src/test/resources/godwit-invariants.toml", Map.of()), db.name());
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            // The risky migrations have no balance column; give the check something to read.
            st.execute("alter table accounts add column balance numeric(19, 2)");
            st.execute("insert into accounts (id, balance) values (1, 5), (2, -3)");
        }

        assertThatThrownBy(() -> GodwitAssertions.assertInvariantsHold(checked))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("no overdrafts")
                .hasMessageContaining("-3");
    }

    @Test
    void migrationsThatFailFailTheTestClassWithTheFileAndLine(GodwitDatabase db) {
        Migrations broken = new Migrations(List.of("classpath:junit-fixtures/broken"), "", Map.of());

        assertThatThrownBy(() -> GodwitExtension.Template.create(db.server(), broken))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("did not apply to the test database: failed (exit 1)")
                .hasMessageContaining("V1__orders.sql:3")
                .hasMessageContaining("customers");
    }

    /** A nested class has the enclosing class's migrations, not the default location's. */
    @Nested
    class InANestedClass {
        @Test
        void getsTheEnclosingClassesMigrations(DataSource ds) throws Exception {
            assertThat(GodwitExtensionTest.query(ds, "select count(*) from information_schema.tables"
                    + " where table_name = 'transfers'")).as("the default location's table").isZero();
            assertThat(GodwitExtensionTest.query(ds, "select count(*) from information_schema.columns"
                    + " where table_name = 'accounts' and column_name = 'note'")).as("dropped by the risky V2").isZero();
            assertThat(GodwitExtensionTest.query(ds, "select count(*) from accounts")).isZero();
        }
    }

    @Test
    void aSettingThatIsNotSectionKeyValueIsRefusedWithAnExample() {
        @GodwitTest(settings = "lint.max_risk")
        class Bad {}

        assertThatThrownBy(() -> Migrations.of(Bad.class))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("'lint.max_risk' is not section.key=value");
    }
}
