package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** baseline (and the Flyway import), repair, clean and init through the real jar. */
class HistoryCliIT extends CliTestBase {

    @Test
    void baselineAdoptsAnExistingDatabaseAndIsRefusedOnceThereIsHistory() {
        db.execute("create table a (id int)", "create table b (id int)");
        write("V1__a.sql", "create table a (id int);");
        write("V2__b.sql", "create table b (id int);");
        write("V3__c.sql", "create table c (id int);");

        GodwitProcess.Result b = run("baseline", "--version", "2");
        assertThat(b.exitCode()).as(b.toString()).isZero();
        assertThat(b.stdout()).contains("Baselined at version 2");

        GodwitProcess.Result m = run("migrate");
        assertThat(m.exitCode()).as(m.toString()).isZero();
        assertThat(m.stdout()).contains("applied V3 c").doesNotContain("applied V1");

        GodwitProcess.Result again = run("baseline", "--version", "3");
        assertThat(again.exitCode()).isEqualTo(4);
        assertThat(again.stderr()).contains("baseline refused").contains("already has");
    }

    @Test
    void aGooseProjectSwitchesWithItsHistoryAndADirtyGolangMigrateOneIsRefused() {
        write("00001_a.sql", "-- +goose Up\ncreate table a (id int);\n-- +goose Down\ndrop table a;\n");
        write("00002_b.sql", "-- +goose Up\ncreate table b (id int);\n-- +goose Down\ndrop table b;\n");
        db.execute("create table a (id int)", "CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint"
                        + " NOT NULL, is_applied boolean NOT NULL, tstamp timestamp NULL default now(), PRIMARY KEY(id))",
                "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true)");

        GodwitProcess.Result wrongTool = run("baseline", "--from", "golang-migrate");
        assertThat(wrongTool.exitCode()).as(wrongTool.toString()).isEqualTo(4);
        assertThat(wrongTool.stderr()).contains("no table schema_migrations");

        GodwitProcess.Result imported = run("baseline", "--from", "goose");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.stdout()).contains("Imported 1 row(s) from goose");

        GodwitProcess.Result m = run("migrate");
        assertThat(m.exitCode()).as(m.toString()).isZero();
        assertThat(m.stdout()).contains("applied V00002 b").doesNotContain("V00001");
    }

    @Test
    void aLiquibaseChangelogSwitchesWithItsDatabaseChangelog() {
        write("001_changelog.sql", "--liquibase formatted sql\n\n--changeset alice:1\ncreate table a (id int);\n"
                + "--rollback drop table a;\n\n--changeset alice:2\ncreate table b (id int);\n--rollback drop table b;\n");
        db.execute("create table a (id int)", "CREATE TABLE databasechangelog (ID VARCHAR(255) NOT NULL, AUTHOR"
                        + " VARCHAR(255) NOT NULL, FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED TIMESTAMP WITHOUT TIME ZONE"
                        + " NOT NULL, ORDEREXECUTED INTEGER NOT NULL, EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35),"
                        + " DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255), TAG VARCHAR(255), LIQUIBASE VARCHAR(20),"
                        + " CONTEXTS VARCHAR(255), LABELS VARCHAR(255), DEPLOYMENT_ID VARCHAR(10))",
                "INSERT INTO databasechangelog VALUES ('1', 'alice', 'db/changelog/001_changelog.sql', now(), 1,"
                        + " 'EXECUTED', '9:aa', 'sql', '', NULL, '4.29.2', NULL, NULL, '1234567890')");

        GodwitProcess.Result imported = run("baseline", "--from", "liquibase");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.stdout()).contains("Imported 1 row(s) from liquibase");

        GodwitProcess.Result m = run("migrate");
        assertThat(m.exitCode()).as(m.toString()).isZero();
        assertThat(m.stdout()).contains("001.2").doesNotContain("001.1");
        assertThat(db.tableExists("public.b")).isTrue();
    }

    @Test
    void aFlywayProjectSwitchesWithoutRerunningAnything() {
        write("V1__accounts.sql", "create table accounts (id bigint primary key, balance numeric(12,2));\n");
        write("V2__transfers.sql", "create table transfers (id bigint primary key);\r\ninsert into transfers values (1);\r\n");
        write("R__view.sql", "create or replace view v as select id from accounts;\n");
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("filesystem:" + dir.resolve("db/migrations")).load().migrate();

        GodwitProcess.Result imported = run("baseline", "--from-flyway");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.stdout()).contains("Imported 3 row(s)");

        GodwitProcess.Result m = run("migrate");
        assertThat(m.exitCode()).as(m.toString()).isZero();
        assertThat(m.stdout()).contains("Nothing to migrate: at version 2");
        assertThat(db.count("select count(*) from transfers")).as("V2's insert not run twice").isOne();

        write("V3__c.sql", "create table c (id int);");
        GodwitProcess.Result next = run("migrate");
        assertThat(next.stdout()).contains("applied V3 c").doesNotContain("applied V1").doesNotContain("applied R");
    }

    @Test
    void aFlywayImportIsRefusedWholeWhenAnAppliedFileWasEdited() {
        write("V1__a.sql", "create table a (id int);");
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("filesystem:" + dir.resolve("db/migrations")).load().migrate();
        write("V1__a.sql", "create table a (id bigint);");

        GodwitProcess.Result r = run("baseline", "--from-flyway");

        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.stderr()).contains("nothing was imported").contains("differs from what Flyway applied");
        assertThat(db.count("select count(*) from godwit.history")).isZero();
    }

    @Test
    void repairAcceptsAnEditedChecksumOnlyWithAReasonAndSaysWhatItChanged() {
        write("V1__a.sql", "create table a (id int);");
        assertThat(run("migrate").exitCode()).isZero();
        write("V1__a.sql", "-- reviewed: whitespace only\ncreate table a (id int);");

        GodwitProcess.Result noReason = run("repair", "--accept-checksum", "1");
        assertThat(noReason.exitCode()).isEqualTo(2);
        assertThat(noReason.stderr()).contains("--reason");

        GodwitProcess.Result r = run("repair", "--accept-checksum", "1", "--reason", "comment added, SQL unchanged");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("accepted the new checksum of V1 a").contains("comment added, SQL unchanged");
        assertThat(run("validate").exitCode()).isZero();
        assertThat((String) db.queryValue("select note from godwit.history")).contains("comment added, SQL unchanged");

        GodwitProcess.Result nothing = run("repair");
        assertThat(nothing.exitCode()).isZero();
        assertThat(nothing.stdout()).contains("Nothing to repair");
    }

    @Test
    void cleanIsRefusedUnlessEnabledAndConfirmedAndAlwaysInProduction() {
        write("V1__a.sql", "create table a (id int);");
        assertThat(run("migrate").exitCode()).isZero();

        GodwitProcess.Result disabled = run("clean", "--yes");
        assertThat(disabled.exitCode()).isEqualTo(2);
        assertThat(disabled.stderr()).contains("clean_disabled = false");

        config("[migrations]\nclean_disabled = false\n[environments.production.migrations]\nclean_disabled = false\n");
        GodwitProcess.Result unconfirmed = run("clean");
        assertThat(unconfirmed.exitCode()).isEqualTo(2);
        assertThat(unconfirmed.stderr()).contains("--yes");

        GodwitProcess.Result production = run("clean", "--yes", "--env", "production");
        assertThat(production.exitCode()).isEqualTo(2);
        assertThat(production.stderr()).contains("production");
        assertThat(db.tableExists("public.a")).isTrue();

        GodwitProcess.Result ok = run("clean", "--yes");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(db.tableExists("public.a")).isFalse();
        assertThat(db.tableExists("godwit.history")).isFalse();
    }

    @Test
    void initWritesAConfigThatLoadsAndNeverOverwritesIt() throws Exception {
        GodwitProcess.Result r = godwit.run("init", "--dir", "app", "--url", url());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(dir.resolve("app/godwit.toml")).exists();
        assertThat(dir.resolve("app/db/migrations")).isDirectory();

        Files.writeString(dir.resolve("app/db/migrations/V1__a.sql"), "create table a (id int);");
        GodwitProcess.Result status = godwit.run("status", "--config", "app/godwit.toml");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.stdout()).contains("1 pending");

        GodwitProcess.Result again = godwit.run("init", "--dir", "app");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.stderr()).contains("already exists");
    }
}
