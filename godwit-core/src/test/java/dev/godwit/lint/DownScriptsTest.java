package dev.godwit.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.config.LintSettings;
import dev.godwit.lint.rules.Rules;
import dev.godwit.sql.SqlScript;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Down scripts are linted for what a rollback does: undoing their up script is no data loss. */
class DownScriptsTest {

    private static List<Finding> lint(String... nameThenSql) throws Exception {
        List<LintInput> inputs = new ArrayList<>();
        for (int i = 0; i < nameThenSql.length; i += 2) {
            try {
                inputs.add(LintInput.of(nameThenSql[i], SqlScript.parse(nameThenSql[i + 1])));
            } catch (dev.godwit.sql.SqlSyntaxException e) {
                throw new AssertionError(e);
            }
        }
        return new Linter(LintSettings.defaults(), Rules.ALL)
                .lint(inputs, SchemaModel.empty(), Linter.Scope.FILE, 15).findings();
    }

    @Test
    void aDownScriptDroppingWhatItsUpScriptCreatedHasNoDataLossFinding() throws Exception {
        List<Finding> found = lint(
                "db/migrations/V1__create_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, owner text);",
                "db/migrations/V2__note.sql", "ALTER TABLE accounts ADD COLUMN note text;",
                "db/migrations/U2__note.sql", "ALTER TABLE accounts DROP COLUMN note;",
                "db/migrations/U1__create_accounts.sql", "DROP TABLE accounts;");

        assertThat(found).noneMatch(f -> f.rule().equals("drop-table") || f.rule().equals("drop-column"));
    }

    @Test
    void aDownScriptDroppingWhatItsUpScriptDidNotCreateStillSaysSo() throws Exception {
        List<Finding> found = lint(
                "V1__create_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, owner text);",
                "V2__ledger.sql", "CREATE TABLE ledger (id bigint PRIMARY KEY);",
                "U2__ledger.sql", "DROP TABLE ledger;\nALTER TABLE accounts DROP COLUMN owner;\nDROP TABLE accounts;");

        assertThat(found).filteredOn(f -> f.rule().startsWith("drop-"))
                .extracting(f -> f.rule() + ":" + f.line()).containsExactly("drop-column:2", "drop-table:3");
        assertThat(found).filteredOn(f -> f.rule().equals("drop-table")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("down script, and its up script did not create it"));
    }

    @Test
    void aForwardMigrationDroppingATableIsStillCritical() throws Exception {
        List<Finding> found = lint("V1__a.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);",
                "V2__b.sql", "DROP TABLE accounts;");

        assertThat(found).extracting(Finding::rule).contains("drop-table");
    }
}
