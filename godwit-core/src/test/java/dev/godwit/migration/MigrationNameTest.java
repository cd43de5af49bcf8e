package dev.godwit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MigrationNameTest {

    private static MigrationName migration(String fileName) {
        MigrationName.Parsed parsed = MigrationName.parse(fileName);
        assertThat(parsed).as(fileName).isInstanceOf(MigrationName.Migration.class);
        return ((MigrationName.Migration) parsed).name();
    }

    private static String mistake(String fileName) {
        MigrationName.Parsed parsed = MigrationName.parse(fileName);
        assertThat(parsed).as(fileName).isInstanceOf(MigrationName.Mistake.class);
        return ((MigrationName.Mistake) parsed).message();
    }

    @Test
    void flywayVersioned() {
        MigrationName n = migration("V1__create_accounts.sql");
        assertThat(n.kind()).isEqualTo(MigrationKind.VERSIONED);
        assertThat(n.version()).isEqualTo(Version.parse("1"));
        assertThat(n.description()).isEqualTo("create accounts");
        assertThat(n.display()).isEqualTo("1 create accounts");
        assertThat(n.version()).isEqualTo(Version.parse("1"));
    }

    @Test
    void flywayDottedAndUnderscoredVersions() {
        MigrationName dotted = migration("V1.2.3__add_index.sql");
        assertThat(dotted.version().parts()).hasSize(3);
        assertThat(dotted.version().text()).isEqualTo("1.2.3");
        MigrationName underscored = migration("V1_2__x.sql");
        assertThat(underscored.version()).isEqualTo(Version.parse("1.2"));
        assertThat(underscored.version().text()).isEqualTo("1.2");
        assertThat(underscored.description()).isEqualTo("x");
        assertThat(underscored.display()).isEqualTo("1.2 x");
    }

    @Test
    void flywayUndo() {
        MigrationName n = migration("U7__drop_accounts.sql");
        assertThat(n.kind()).isEqualTo(MigrationKind.UNDO);
        assertThat(n.version()).isEqualTo(Version.parse("7"));
        assertThat(n.description()).isEqualTo("drop accounts");
    }

    @Test
    void flywayRepeatable() {
        MigrationName n = migration("R__refresh_account_views.sql");
        assertThat(n.kind()).isEqualTo(MigrationKind.REPEATABLE);
        assertThat(n.version()).isNull();
        assertThat(n.version()).isNull();
        assertThat(n.description()).isEqualTo("refresh account views");
        assertThat(n.display()).isEqualTo("(repeatable) refresh account views");
    }

    @Test
    void golangMigrateUpAndDown() {
        MigrationName up = migration("0001_create_accounts.up.sql");
        assertThat(up.kind()).isEqualTo(MigrationKind.VERSIONED);
        assertThat(up.version()).isEqualTo(Version.parse("1"));
        assertThat(up.version().text()).isEqualTo("0001");
        assertThat(up.description()).isEqualTo("create accounts");

        MigrationName down = migration("0001_create_accounts.down.sql");
        assertThat(down.kind()).isEqualTo(MigrationKind.UNDO);
        assertThat(down.version()).isEqualTo(Version.parse("1"));
        assertThat(down.description()).isEqualTo("create accounts");
    }

    @Test
    void timestampVersionsFromDbmateAndGolangMigrate() {
        MigrationName n = migration("20240101120000_add_transfers.up.sql");
        assertThat(n.version()).isEqualTo(Version.parse("20240101120000"));
        assertThat(n.description()).isEqualTo("add transfers");
    }

    @ParameterizedTest
    @CsvSource({
            "V1__a_b_c.sql, a b c",
            "V1___leading.sql, leading",
            "V1__trailing_.sql, trailing",
            "V2__Add_Column_To_Accounts.sql, Add Column To Accounts",
            "R__a.b.sql, a.b",
            "1_x_y.up.sql, x y"})
    void descriptionsTurnUnderscoresIntoSpaces(String file, String description) {
        assertThat(migration(file).description()).isEqualTo(description);
    }

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "seed.sql", "notes.txt", "users.sql", "data_load.sql", "schema.sql",
            "Version1.txt", "V1__x.sql.bak", "V1__x.txt", "rollback.sql", "reference_data.sql", "views.sql"})
    void otherFilesAreNotMigrations(String file) {
        assertThat(MigrationName.parse(file)).as(file).isInstanceOf(MigrationName.NotAMigration.class);
    }

    @Test
    void lowerCasePrefixNamesTheCapitalisedFile() {
        assertThat(mistake("v1__x.sql")).contains("capital").contains("V1__x.sql");
        assertThat(mistake("u2__x.sql")).contains("capital").contains("U2__x.sql");
        assertThat(mistake("r__x.sql")).contains("capital").contains("R__x.sql");
    }

    @Test
    void singleUnderscoreNamesTheTwoUnderscoreFile() {
        assertThat(mistake("V1_x.sql")).contains("two underscores").contains("V1__x.sql");
        assertThat(mistake("U3_undo_it.sql")).contains("U3__undo_it.sql");
        assertThat(mistake("V1.2_x.sql")).contains("V1.2__x.sql");
        // Two mistakes at once: both corrected in the suggestion.
        assertThat(mistake("v1_x.sql")).contains("V1__x.sql");
    }

    @Test
    void golangNameWithoutUpOrDown() {
        String message = mistake("0001_x.sql");
        assertThat(message).contains("0001_x.up.sql").contains("V0001__x.sql");
        // The suggestions are themselves migration names.
        assertThat(MigrationName.parse("0001_x.up.sql")).isInstanceOf(MigrationName.Migration.class);
        assertThat(MigrationName.parse("V0001__x.sql")).isInstanceOf(MigrationName.Migration.class);
    }

    @Test
    void versionWithoutDescription() {
        String message = mistake("0001.sql");
        assertThat(message).contains("description").contains("0001_create_accounts.up.sql");
    }

    @Test
    void upOrDownWithoutDescriptionDoesNotSuggestAnotherBadName() {
        String up = mistake("1.up.sql");
        assertThat(up).contains("description").contains("1_create_accounts.up.sql").doesNotContain(".up.up");
        String down = mistake("0002.down.sql");
        assertThat(down).contains("0002_create_accounts.down.sql").doesNotContain(".down.up");
    }

    @Test
    void repeatableWithOneUnderscoreNamesTheFile() {
        assertThat(mistake("R_x.sql")).contains("R__x.sql");
    }

    @Test
    void aVersionThatIsNotNumbersSaysWhatAVersionIs() {
        assertThat(mistake("Vx__create.sql")).contains("'x' is not a version").contains("V1.2__create.sql");
        assertThat(mistake("V-1__create.sql")).contains("'-1' is not a version");
    }

    @Test
    void versionedWithoutVersionSaysSo() {
        String message = mistake("V__x.sql");
        assertThat(message).contains("version").contains("V1__x.sql");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1__x.sql", "V1_x.sql", "u2__x.sql", "0001_x.sql", "0001.sql", "r__x.sql", "R_x.sql",
            "V__x.sql", "V1__.sql", "V1.sql", "1__x.sql", "U__x.sql", "V1.x__y.sql", "R__.sql", "1.up.sql",
            "Vx__y.sql", "V-1__y.sql", "Uone__y.sql"})
    void namesThatLookLikeMigrationsAreMistakesWithAMessage(String file) {
        assertThat(mistake(file)).isNotBlank();
    }

    @Test
    void mistakeMessagesNeverSuggestAnotherMistake() {
        for (String file : new String[] {"v1__x.sql", "V1_x.sql", "u2__x.sql", "0001_x.sql", "r__x.sql", "R_x.sql"}) {
            String message = mistake(file);
            String suggestion = message.replaceAll(".*rename it to (\\S+\\.sql).*", "$1");
            assertThat(suggestion).as(message).endsWith(".sql");
            assertThat(MigrationName.parse(suggestion)).as(suggestion).isInstanceOf(MigrationName.Migration.class);
        }
    }

    @Test
    void kindsRoundTripThroughTheDatabaseName() {
        for (MigrationKind k : MigrationKind.values()) {
            assertThat(MigrationKind.fromDb(k.dbName())).isEqualTo(k);
            assertThat(k.dbName()).isEqualTo(k.name().toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(MigrationKind.fromDb("versioned")).isEqualTo(MigrationKind.VERSIONED);
    }
}
