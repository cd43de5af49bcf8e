package dev.godwit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.api.Godwit;
import dev.godwit.api.RollbackOptions;
import dev.godwit.api.RunResult;
import dev.godwit.plan.Planner;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects written as goose, dbmate, sqlx and Diesel document them, migrated, rolled back and migrated again on a
 * real PostgreSQL; and the bad input of each format, refused before anything runs.
 */
@ExtendWith(PostgresExtension.class)
class MigrationFormatsTest {

    @TempDir
    Path tmp;

    private Godwit godwit(TestDatabase db, String format) {
        return Godwit.configure()
                .url(db.postgresUrl())
                .locations(tmp.resolve("migrations").toString())
                .environmentVariables(Map.of())
                .workingDirectory(tmp)
                .set("migrations.format", format)
                .set("report.dir", tmp.resolve("reports").toString())
                .load();
    }

    private void write(String name, String text) throws IOException {
        Path file = tmp.resolve("migrations").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static RollbackOptions steps(int n) {
        return new RollbackOptions(Optional.of(n), Optional.empty());
    }

    /** The issue's bug: the Down section ran with the Up one, so the view was created and dropped at once. */
    private void gooseProject() throws IOException {
        write("00001_create_accounts.sql", """
                -- +goose Up
                CREATE TABLE accounts (id bigint PRIMARY KEY, balance numeric(12,2) NOT NULL DEFAULT 0);
                CREATE VIEW rich AS SELECT * FROM accounts WHERE balance > 100;

                -- +goose Down
                DROP VIEW rich;
                DROP TABLE accounts;
                """);
        write("00002_seed.sql", """
                -- +goose Up
                -- +goose StatementBegin
                INSERT INTO accounts VALUES (1, 10);
                INSERT INTO accounts VALUES (2, 200);
                -- +goose StatementEnd

                -- +goose Down
                DELETE FROM accounts;
                """);
        write("00003_index.sql", """
                -- +goose NO TRANSACTION
                -- +goose Up
                CREATE INDEX CONCURRENTLY accounts_balance ON accounts (balance);

                -- +goose Down
                DROP INDEX CONCURRENTLY accounts_balance;
                """);
    }

    @Test
    void gooseUpAndDownSectionsAreTheMigrationAndItsRollback(TestDatabase db) throws IOException {
        gooseProject();
        for (String format : new String[] {"goose", "auto"}) {
            Godwit g = godwit(db, format);
            assertThat(g.validate().problems()).isEmpty();
            RunResult r = g.migrate();
            assertThat(r.succeeded()).as(r.toString()).isTrue();
            assertThat(db.tableExists("public.rich")).isTrue();
            assertThat(db.count("select count(*) from accounts")).isEqualTo(2);
            assertThat(db.tableExists("public.accounts_balance")).isTrue();
            assertThat(db.count("select count(distinct version) from godwit.history where success")).isEqualTo(3);

            assertThat(g.rollback(steps(3)).succeeded()).isTrue();
            assertThat(db.tableExists("public.accounts")).isFalse();
            assertThat(db.tableExists("public.rich")).isFalse();
        }
        assertThat(godwit(db, "goose").migrate().succeeded()).isTrue();
        assertThat(db.count("select count(*) from rich")).isEqualTo(1);
    }

    @Test
    void gooseNoTransactionIsSaidAndStatementBlocksStayWhole(TestDatabase db) throws IOException {
        gooseProject();
        Planner.Planned p = godwit(db, "goose").validate();
        assertThat(p.prepared().get(2).nonTransactionalBecause())
                .hasValueSatisfying(why -> assertThat(why).contains("00003_index.sql:1").contains("NO TRANSACTION"));
        assertThat(p.prepared().get(1).statements()).hasSize(1);
        assertThat(p.prepared().get(0).statements()).hasSize(2);
    }

    @Test
    void lintJudgesTheUpSectionOnlyWithItsOwnLineNumbers() throws Exception {
        gooseProject();
        var inputs = dev.godwit.lint.LintSources.read(java.util.List.of(tmp.resolve("migrations")), Map.of(), tmp);
        assertThat(inputs).hasSize(3);
        assertThat(inputs.get(0).script().statements()).extracting(s -> s.text().split(" ")[0] + "@" + s.line())
                .containsExactly("CREATE@2", "CREATE@3");
    }

    @Test
    void gooseFileWithoutUpIsRefusedWithItsLineAndNothingRuns(TestDatabase db) throws IOException {
        write("00001_create_accounts.sql", "-- +goose Up\nCREATE TABLE accounts (id int);\n");
        write("00002_b.sql", "-- a comment\n-- +goose Down\nDROP TABLE b;\n");
        RunResult r = godwit(db, "goose").migrate();
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.toString()).contains("00002_b.sql").contains("-- +goose Up");
        assertThat(db.tableExists("public.accounts")).isFalse();
    }

    @Test
    void unterminatedStatementBeginIsRefusedAtItsLine(TestDatabase db) throws IOException {
        write("00001_a.sql", "-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE a (id int);\n"
                + "-- +goose Down\nDROP TABLE a;\n");
        Planner.Planned p = godwit(db, "auto").validate();
        assertThat(p.problems()).singleElement().asString()
                .contains("00001_a.sql:2: -- +goose StatementBegin has no StatementEnd");
        assertThat(godwit(db, "auto").migrate().exitCode()).isEqualTo(4);
    }

    @Test
    void dbmateSectionsAndTransactionFalse(TestDatabase db) throws IOException {
        write("20230101120000_create_accounts.sql", """
                -- migrate:up
                create table accounts (id bigint primary key, owner text);

                -- migrate:down
                drop table accounts;
                """);
        write("20230102120000_owner_index.sql", """
                -- migrate:up transaction:false
                create index concurrently accounts_owner on accounts (owner);

                -- migrate:down transaction:false
                drop index concurrently accounts_owner;
                """);
        Godwit g = godwit(db, "auto");
        assertThat(g.validate().prepared().get(1).nonTransactionalBecause())
                .hasValueSatisfying(why -> assertThat(why).contains("transaction:false"));
        assertThat(g.migrate().succeeded()).isTrue();
        assertThat(db.tableExists("public.accounts_owner")).isTrue();
        assertThat(g.rollback(steps(2)).succeeded()).isTrue();
        assertThat(db.tableExists("public.accounts")).isFalse();
        assertThat(g.migrate().succeeded()).isTrue();
        assertThat(db.tableExists("public.accounts_owner")).isTrue();
    }

    /** The issue's second bug: a Diesel project gave "Nothing to migrate". */
    @Test
    void dieselFoldersWithMetadata(TestDatabase db) throws IOException {
        write("2023-01-01-120000_create_accounts/up.sql", "CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner TEXT);\n");
        write("2023-01-01-120000_create_accounts/down.sql", "DROP TABLE accounts;\n");
        write("2023-01-02-120000_owner_index/up.sql", "CREATE INDEX CONCURRENTLY accounts_owner ON accounts (owner);\n");
        write("2023-01-02-120000_owner_index/down.sql", "DROP INDEX CONCURRENTLY accounts_owner;\n");
        write("2023-01-02-120000_owner_index/metadata.toml", "run_in_transaction = false\n");
        Godwit g = godwit(db, "diesel");
        Planner.Planned p = g.validate();
        assertThat(p.prepared()).hasSize(2);
        assertThat(p.prepared().get(0).script().version().text()).isEqualTo("20230101120000");
        assertThat(p.prepared().get(1).nonTransactionalBecause())
                .hasValueSatisfying(why -> assertThat(why).contains("run_in_transaction = false"));
        assertThat(g.migrate().succeeded()).isTrue();
        assertThat(g.rollback(steps(2)).succeeded()).isTrue();
        assertThat(db.tableExists("public.accounts")).isFalse();
        assertThat(godwit(db, "auto").migrate().succeeded()).isTrue();
        assertThat(db.tableExists("public.accounts_owner")).isTrue();
    }

    @Test
    void dieselFolderWithoutUpSqlIsRefused(TestDatabase db) throws IOException {
        write("2023-01-01-120000_create_accounts/down.sql", "DROP TABLE accounts;\n");
        RunResult r = godwit(db, "diesel").migrate();
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.toString()).contains("2023-01-01-120000_create_accounts").contains("up.sql");
    }

    @Test
    void sqlxUpOnlyAndReversibleFiles(TestDatabase db) throws IOException {
        write("20230101120000_create_accounts.sql", "CREATE TABLE accounts (id BIGINT PRIMARY KEY);\n");
        write("20230102120000_owner.up.sql", "ALTER TABLE accounts ADD COLUMN owner TEXT;\n");
        write("20230102120000_owner.down.sql", "ALTER TABLE accounts DROP COLUMN owner;\n");
        write("20230103120000_index.sql", "-- no-transaction\nCREATE INDEX CONCURRENTLY accounts_owner ON accounts (owner);\n");
        Godwit g = godwit(db, "sqlx");
        assertThat(g.migrate().succeeded()).isTrue();
        assertThat(db.tableExists("public.accounts_owner")).isTrue();
        // The last has no down script: rollback stops at it, as sqlx's `migrate revert` would.
        assertThat(g.rollback(steps(1)).succeeded()).isFalse();
        assertThat(db.tableExists("public.accounts_owner")).isTrue();
    }

    @Test
    void autoRefusesAPlainNameAndAMixOfFormatsNamingTheFiles(TestDatabase db) throws IOException {
        write("20230101120000_create_accounts.sql", "CREATE TABLE accounts (id BIGINT PRIMARY KEY);\n");
        assertThat(godwit(db, "auto").validate().problems()).singleElement().asString()
                .contains("20230101120000_create_accounts.sql").contains("format = \"sqlx\"");
        write("20230101120000_create_accounts.sql", "-- +goose Up\nCREATE TABLE accounts (id BIGINT PRIMARY KEY);\n");
        write("V2__owner.sql", "ALTER TABLE accounts ADD COLUMN owner TEXT;\n");
        RunResult r = godwit(db, "auto").migrate();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.toString()).contains("V2__owner.sql").contains("goose").contains("flyway");
        assertThat(db.tableExists("public.accounts")).isFalse();
        assertThat(godwit(db, "goose").validate().problems()).singleElement().asString()
                .contains("V2__owner.sql").contains("[migrations] format is \"goose\"");
    }

    /**
     * atlas.sum for these two files, computed by a separate implementation (Python hashlib) of Atlas's NewHashFile
     * and HashFile.Sum read from ariga/atlas sql/migrate/dir.go, so that Godwit's reading of it is checked twice.
     */
    static final String ATLAS_ACCOUNTS = "CREATE TABLE accounts (id BIGINT PRIMARY KEY);\n";
    static final String ATLAS_OWNER = "ALTER TABLE accounts ADD COLUMN owner TEXT;\n";
    static final String ATLAS_SUM = """
            h1:WEK7fXlrKDCsZmPKWUoAweHkQrOB5R84XL6a7NRZVsM=
            20230101120000_create_accounts.sql h1:0vkd76c+w2cklKFzbdsKczHm13j8u7Nw5okUEijd8eY=
            20230102120000_add_owner.sql h1:YvKMarkIVqnLnmqitpM4w60rvGBEs/IVtpYE1gbQYr0=
            """;

    private void atlasProject() throws IOException {
        write("20230101120000_create_accounts.sql", ATLAS_ACCOUNTS);
        write("20230102120000_add_owner.sql", ATLAS_OWNER);
        write("atlas.sum", ATLAS_SUM);
    }

    @Test
    void atlasSumIsComputedAsAtlasWritesIt() throws IOException {
        atlasProject();
        assertThat(AtlasSum.compute(tmp.resolve("migrations"))).containsExactly(
                Map.entry("20230101120000_create_accounts.sql", "0vkd76c+w2cklKFzbdsKczHm13j8u7Nw5okUEijd8eY="),
                Map.entry("20230102120000_add_owner.sql", "YvKMarkIVqnLnmqitpM4w60rvGBEs/IVtpYE1gbQYr0="));
        assertThat(AtlasSum.total(AtlasSum.compute(tmp.resolve("migrations"))))
                .isEqualTo("WEK7fXlrKDCsZmPKWUoAweHkQrOB5R84XL6a7NRZVsM=");
    }

    @Test
    void atlasProjectIsReadInAutoAndMigrated(TestDatabase db) throws IOException {
        atlasProject();
        write("20230103120000_index.sql", "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY accounts_owner ON accounts (owner);\n");
        // A file added after `atlas migrate hash` is refused, as Atlas refuses it, naming the file.
        RunResult refused = godwit(db, "auto").migrate();
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(4);
        assertThat(refused.toString()).contains("20230103120000_index.sql").contains("not in atlas.sum");
        assertThat(db.tableExists("public.accounts")).isFalse();

        Files.delete(tmp.resolve("migrations/20230103120000_index.sql"));
        Godwit g = godwit(db, "auto");
        assertThat(g.validate().problems()).isEmpty();
        RunResult r = g.migrate();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(db.count("select count(*) from information_schema.columns where table_name = 'accounts'"
                + " and column_name = 'owner'")).isOne();
        assertThat(godwit(db, "atlas").validate().problems()).isEmpty();
    }

    @Test
    void atlasTxmodeNoneRunsOutsideATransaction(TestDatabase db) throws IOException {
        write("1_accounts.sql", ATLAS_ACCOUNTS);
        write("2_index.sql", "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY accounts_id ON accounts (id);\n");
        writeAtlasSum();
        RunResult r = godwit(db, "atlas").migrate();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(db.tableExists("public.accounts_id")).isTrue();
    }

    @Test
    void anEditedAtlasFileIsRefusedNamingItAndNothingRuns(TestDatabase db) throws IOException {
        atlasProject();
        write("20230101120000_create_accounts.sql", "CREATE TABLE accounts (id INT PRIMARY KEY);\n");
        RunResult r = godwit(db, "atlas").migrate();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        // The first differing file is the edited one; the second differs only because the hash runs on.
        assertThat(r.toString()).contains("20230101120000_create_accounts.sql").contains("does not match its hash")
                .doesNotContain("20230102120000_add_owner.sql does not match");
        assertThat(db.tableExists("public.accounts")).isFalse();
    }

    @Test
    void aHandEditedAtlasSumOrAMissingOneIsRefused(TestDatabase db) throws IOException {
        atlasProject();
        write("atlas.sum", ATLAS_SUM.replace("YvKM", "ZvKM"));
        assertThat(godwit(db, "atlas").validate().problems()).singleElement().asString()
                .contains("atlas.sum:1").contains("h1: total does not match");
        Files.delete(tmp.resolve("migrations/atlas.sum"));
        assertThat(godwit(db, "atlas").validate().problems()).singleElement().asString()
                .contains("no atlas.sum").contains("atlas migrate hash");
    }

    /** Writes atlas.sum for the folder as it is, as `atlas migrate hash` would. */
    private void writeAtlasSum() throws IOException {
        Map<String, String> lines = AtlasSum.compute(tmp.resolve("migrations"));
        StringBuilder sum = new StringBuilder("h1:" + AtlasSum.total(lines) + "\n");
        lines.forEach((n, h) -> sum.append(n).append(" h1:").append(h).append('\n'));
        write("atlas.sum", sum.toString());
    }

    /** Liquibase 4.x "Example SQL changelogs": attributes, multi-line rollbacks, an end delimiter of its own. */
    private static final String LIQUIBASE_CHANGELOG = """
            --liquibase formatted sql

            --changeset alice:1
            CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance numeric(12,2) NOT NULL DEFAULT 0);
            --rollback DROP TABLE accounts;

            --changeset alice:2 runInTransaction:false
            CREATE INDEX CONCURRENTLY accounts_balance ON accounts (balance);
            --rollback DROP INDEX CONCURRENTLY accounts_balance;

            --changeset bob:seed splitStatements:false
            INSERT INTO accounts VALUES (1, 10);
            INSERT INTO accounts VALUES (2, 200);
            --rollback DELETE FROM accounts;

            --changeset bob:answer endDelimiter:/
            CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS $$ SELECT 42; $$
            /
            CREATE VIEW rich AS SELECT * FROM accounts WHERE balance > answer()
            /
            --rollback DROP VIEW rich;
            --rollback DROP FUNCTION answer();
            """;

    @Test
    void liquibaseChangesetsAreMigrationsWithTheirAttributesAndRollbacks(TestDatabase db) throws Exception {
        write("001_accounts.sql", LIQUIBASE_CHANGELOG);
        Godwit g = godwit(db, "liquibase");
        MigrationSet set = MigrationScanner.scanLocations(
                java.util.List.of(Location.parse(tmp.resolve("migrations").toString(), tmp, null)),
                MigrationFormat.LIQUIBASE);
        assertThat(set.problems()).isEmpty();
        assertThat(set.versioned()).extracting(s -> s.version().text() + " " + s.description()).containsExactly(
                "001.1 1 by alice", "001.2 2 by alice", "001.3 seed by bob", "001.4 answer by bob");
        assertThat(set.versioned().get(1).outsideTransaction()).isPresent();
        // splitStatements:false: one statement; endDelimiter:/ : cut at each '/', not at the ';' inside $$.
        assertThat(dev.godwit.sql.StatementSplitter.split(set.versioned().get(2).text())).hasSize(1);
        assertThat(dev.godwit.sql.StatementSplitter.split(set.versioned().get(3).text())).hasSize(2);

        RunResult r = g.migrate();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(db.count("select count(*) from rich")).isOne();
        assertThat(db.tableExists("public.accounts_balance")).isTrue();

        RunResult back = g.rollback(steps(4));
        assertThat(back.succeeded()).as(back.toString()).isTrue();
        assertThat(db.tableExists("public.accounts")).isFalse();
        assertThat(g.migrate().succeeded()).isTrue();
        assertThat(db.count("select count(*) from rich")).isOne();

        // Liquibase's way: a changeset appended to the file; the applied ones are unchanged, the new one runs.
        write("001_accounts.sql", LIQUIBASE_CHANGELOG + "\n--changeset carol:owner\nALTER TABLE accounts ADD COLUMN owner TEXT;\n");
        RunResult more = godwit(db, "auto").migrate();
        assertThat(more.succeeded()).as(more.toString()).isTrue();
        assertThat(((dev.godwit.run.RunOutcome.Done) more.outcome()).applied()).hasSize(1);
        assertThat(db.count("select count(*) from information_schema.columns where table_name = 'accounts'"
                + " and column_name = 'owner'")).isOne();
    }

    @Test
    void lintJudgesLiquibaseChangesetsAsTheyRunWithTheFilesLineNumbers() throws Exception {
        write("001_accounts.sql", LIQUIBASE_CHANGELOG);
        var inputs = dev.godwit.lint.LintSources.read(java.util.List.of(tmp.resolve("migrations")), Map.of(), tmp);
        assertThat(inputs).hasSize(1);
        // The two INSERTs of the splitStatements:false changeset are one statement; the '/' lines cut, the ';'
        // inside the function body does not; the --rollback lines are not judged.
        assertThat(inputs.get(0).script().statements()).extracting(s -> s.text().split(" ")[0] + "@" + s.line())
                .containsExactly("CREATE@4", "CREATE@8", "INSERT@12", "CREATE@17", "CREATE@19");
    }

    @Test
    void liquibaseChangesetWithoutIdAndPreconditionsAreRefusedAtTheirLine(TestDatabase db) throws IOException {
        write("001_accounts.sql", "--liquibase formatted sql\n\n--changeset alice:1\nCREATE TABLE a (id int);\n"
                + "\n--changeset alice\nCREATE TABLE b (id int);\n");
        RunResult r = godwit(db, "liquibase").migrate();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.toString()).contains("001_accounts.sql:6").contains("has no id").contains("author:id");
        assertThat(db.tableExists("public.a")).isFalse();

        write("001_accounts.sql", "--liquibase formatted sql\n--changeset alice:1\n"
                + "--preconditions onFail:MARK_RAN\n--precondition-sql-check expectedResult:0 SELECT count(*) FROM a\n"
                + "CREATE TABLE a (id int);\n");
        assertThat(godwit(db, "auto").validate().problems()).singleElement().asString()
                .contains("001_accounts.sql:3").contains("does not evaluate Liquibase preconditions");

        write("001_accounts.sql", "--liquibase formatted sql\n--changeset alice:1\nCREATE TABLE a (id int);\n"
                + "/* liquibase rollback\nDROP TABLE a;\n*/\n");
        assertThat(godwit(db, "liquibase").validate().problems()).singleElement().asString()
                .contains("001_accounts.sql:4").contains("--rollback lines");
    }
}
