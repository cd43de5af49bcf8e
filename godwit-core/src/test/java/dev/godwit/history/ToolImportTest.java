package dev.godwit.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.api.Godwit;
import dev.godwit.api.GodwitException;
import dev.godwit.api.RunResult;
import dev.godwit.run.RunOutcome;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baseline --from TOOL} on a real PostgreSQL: each tool's history table made with the DDL and rows the tool
 * writes (goose v3 postgres dialect, golang-migrate v4, dbmate v2, sqlx 0.8, Diesel 2.2), adopted all or nothing,
 * and a later migrate runs only what is new.
 */
@ExtendWith(PostgresExtension.class)
class ToolImportTest {

    private static final String ACCOUNTS = "CREATE TABLE accounts (id BIGINT PRIMARY KEY)";
    private static final String OWNER = "ALTER TABLE accounts ADD COLUMN owner TEXT";
    private static final String NOTE = "ALTER TABLE accounts ADD COLUMN note TEXT";

    @TempDir
    Path tmp;

    private Godwit godwit(TestDatabase db, String format) {
        return Godwit.configure().url(db.postgresUrl()).locations(tmp.resolve("m").toString())
                .environmentVariables(Map.of()).workingDirectory(tmp).set("migrations.format", format)
                .set("report.dir", tmp.resolve("reports").toString()).load();
    }

    private void write(String name, String text) throws IOException {
        Path file = tmp.resolve("m").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** The two applied migrations are in the database, the third is new; migrate after adoption runs only it. */
    private void adoptsThenMigratesOnlyTheNew(TestDatabase db, String format, String tool) {
        db.execute(ACCOUNTS, OWNER);
        Godwit g = godwit(db, format);
        Baseline.Result r = g.baselineFrom(tool, Optional.empty());
        assertThat(r.refusal()).isNull();
        assertThat(r.written()).hasSize(2);
        assertThat(db.count("select count(*) from godwit.audit_log where action = 'baseline'")).isOne();
        RunResult m = g.migrate();
        assertThat(m.succeeded()).as(m.toString()).isTrue();
        assertThat(((RunOutcome.Done) m.outcome()).applied()).as(m.toString()).hasSize(1);
        assertThat(db.count("select count(*) from information_schema.columns where table_name = 'accounts' and column_name = 'note'")).isOne();
    }

    @Test
    void goose(TestDatabase db) throws IOException {
        write("00001_accounts.sql", "-- +goose Up\n" + ACCOUNTS + ";\n-- +goose Down\nDROP TABLE accounts;\n");
        write("00002_owner.sql", "-- +goose Up\n" + OWNER + ";\n");
        write("00003_note.sql", "-- +goose Up\n" + NOTE + ";\n");
        db.execute("CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL,"
                        + " is_applied boolean NOT NULL, tstamp timestamp NULL default now(), PRIMARY KEY(id))",
                "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (2, true),"
                        + " (3, true), (3, false)");
        adoptsThenMigratesOnlyTheNew(db, "goose", "goose");
    }

    @Test
    void golangMigrateAndItsDirtyFlag(TestDatabase db) throws IOException {
        write("0001_accounts.up.sql", ACCOUNTS + ";\n");
        write("0001_accounts.down.sql", "DROP TABLE accounts;\n");
        write("0002_owner.up.sql", OWNER + ";\n");
        write("0003_note.up.sql", NOTE + ";\n");
        db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version bigint not null primary key,"
                + " dirty boolean not null)", "INSERT INTO schema_migrations VALUES (2, true)");
        assertThatThrownBy(() -> godwit(db, "golang-migrate").baselineFrom("golang-migrate", Optional.empty()))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.exitCode()).isNotZero())
                .hasMessageContaining("version 2 is dirty").hasMessageContaining("migrate force");
        assertThat(db.count("select count(*) from godwit.history")).isZero();
        db.execute("UPDATE schema_migrations SET dirty = false");
        adoptsThenMigratesOnlyTheNew(db, "golang-migrate", "golang-migrate");
        assertThat(db.queryValue("select down_checksum is not null from godwit.history where version = '0001'"))
                .isEqualTo(true);
    }

    @Test
    void dbmate(TestDatabase db) throws IOException {
        write("20230101120000_accounts.sql", "-- migrate:up\n" + ACCOUNTS + ";\n-- migrate:down\nDROP TABLE accounts;\n");
        write("20230102120000_owner.sql", "-- migrate:up\n" + OWNER + ";\n-- migrate:down\n");
        write("20230103120000_note.sql", "-- migrate:up\n" + NOTE + ";\n-- migrate:down\n");
        db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) primary key)",
                "INSERT INTO schema_migrations (version) VALUES ('20230101120000'), ('20230102120000')");
        adoptsThenMigratesOnlyTheNew(db, "dbmate", "dbmate");
    }

    @Test
    void diesel(TestDatabase db) throws IOException {
        write("2023-01-01-120000_accounts/up.sql", ACCOUNTS + ";\n");
        write("2023-01-01-120000_accounts/down.sql", "DROP TABLE accounts;\n");
        write("2023-01-02-120000_owner/up.sql", OWNER + ";\n");
        write("2023-01-03-120000_note/up.sql", NOTE + ";\n");
        db.execute("CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL,"
                        + " run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",
                "INSERT INTO __diesel_schema_migrations (version) VALUES ('20230101120000'), ('20230102120000')");
        adoptsThenMigratesOnlyTheNew(db, "auto", "diesel");
    }

    @Test
    void sqlxChecksumsAreCheckedAndAMismatchImportsNothing(TestDatabase db) throws IOException {
        write("1_accounts.sql", ACCOUNTS + ";\n");
        write("2_owner.sql", OWNER + ";\n");
        write("3_note.sql", NOTE + ";\n");
        db.execute("CREATE TABLE IF NOT EXISTS _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL,"
                + " installed_on TIMESTAMPTZ NOT NULL DEFAULT now(), success BOOLEAN NOT NULL, checksum BYTEA NOT NULL,"
                + " execution_time BIGINT NOT NULL)");
        db.execute("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES"
                + " (1, 'accounts', true, '\\x" + hex(ACCOUNTS + ";\n") + "', 1),"
                + " (2, 'owner', true, '\\x" + hex("ALTER TABLE accounts ADD COLUMN owner VARCHAR;\n") + "', 1)");
        assertThatThrownBy(() -> godwit(db, "sqlx").baselineFrom("sqlx", Optional.empty()))
                .hasMessageContaining("nothing was imported").hasMessageContaining("2_owner.sql differs from what sqlx applied");
        assertThat(db.count("select count(*) from godwit.history")).isZero();

        db.execute("UPDATE _sqlx_migrations SET checksum = '\\x" + hex(OWNER + ";\n") + "' WHERE version = 2");
        adoptsThenMigratesOnlyTheNew(db, "sqlx", "sqlx");
    }

    /** Atlas v0.2x's revisions table, as its ent schema creates it on PostgreSQL, with the rows it writes. */
    @Test
    void atlasHashesAreCheckedAndAHalfAppliedRevisionIsRefused(TestDatabase db) throws IOException {
        write("20230101120000_accounts.sql", ACCOUNTS + ";\n");
        write("20230102120000_owner.sql", OWNER + ";\n");
        write("20230103120000_note.sql", NOTE + ";\n");
        Map<String, String> sums = dev.godwit.migration.AtlasSum.compute(tmp.resolve("m"));
        StringBuilder sum = new StringBuilder("h1:" + atlasTotal(sums) + "\n");
        sums.forEach((n, h) -> sum.append(n).append(" h1:").append(h).append('\n'));
        write("atlas.sum", sum.toString());
        db.execute("CREATE SCHEMA IF NOT EXISTS \"atlas_schema_revisions\"",
                "CREATE TABLE \"atlas_schema_revisions\".\"atlas_schema_revisions\" (\"version\" character varying NOT NULL,"
                        + " \"description\" character varying NOT NULL, \"type\" bigint NOT NULL DEFAULT 2,"
                        + " \"applied\" bigint NOT NULL DEFAULT 0, \"total\" bigint NOT NULL DEFAULT 0,"
                        + " \"executed_at\" timestamptz NOT NULL, \"execution_time\" bigint NOT NULL,"
                        + " \"error\" text NULL, \"error_stmt\" text NULL, \"hash\" character varying NOT NULL,"
                        + " \"partial_hashes\" jsonb NULL, \"operator_version\" character varying NOT NULL,"
                        + " PRIMARY KEY (\"version\"))",
                "INSERT INTO atlas_schema_revisions.atlas_schema_revisions VALUES"
                        + " ('.atlas_cloud_identifiers', 'a1b2c3', 0, 0, 0, now(), 0, NULL, NULL, '', NULL, 'Atlas CLI v0.29.0'),"
                        + " ('20230101120000', 'accounts', 2, 1, 1, now(), 1000, NULL, NULL, '"
                        + sums.get("20230101120000_accounts.sql") + "', NULL, 'Atlas CLI v0.29.0'),"
                        + " ('20230102120000', 'owner', 2, 0, 1, now(), 1000, 'column \"owner\" already exists',"
                        + " '" + OWNER + "', 'wrong', NULL, 'Atlas CLI v0.29.0')");
        assertThatThrownBy(() -> godwit(db, "atlas").baselineFrom("atlas", Optional.empty()))
                .hasMessageContaining("version 20230102120000 stopped halfway under Atlas (0 of 1")
                .hasMessageContaining("atlas migrate set");
        db.execute("UPDATE atlas_schema_revisions.atlas_schema_revisions SET applied = 1, error = NULL,"
                + " error_stmt = NULL WHERE version = '20230102120000'");
        assertThatThrownBy(() -> godwit(db, "atlas").baselineFrom("atlas", Optional.empty()))
                .hasMessageContaining("20230102120000_owner.sql differs from what Atlas applied");
        assertThat(db.count("select count(*) from godwit.history")).isZero();

        db.execute("UPDATE atlas_schema_revisions.atlas_schema_revisions SET hash = '"
                + sums.get("20230102120000_owner.sql") + "' WHERE version = '20230102120000'");
        adoptsThenMigratesOnlyTheNew(db, "atlas", "atlas");
    }

    /** Liquibase 4.x's DATABASECHANGELOG as it creates it on PostgreSQL (unquoted, so lower case), with its rows. */
    @Test
    void liquibaseChangesetsAreMatchedByIdAuthorAndFile(TestDatabase db) throws IOException {
        write("001_accounts.sql", "--liquibase formatted sql\n\n--changeset alice:1\n" + ACCOUNTS + ";\n"
                + "--rollback DROP TABLE accounts;\n\n--changeset alice:2\n" + OWNER + ";\n\n--changeset bob:note\n"
                + NOTE + ";\n");
        db.execute("CREATE TABLE public.databasechangelog (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL,"
                        + " FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED TIMESTAMP WITHOUT TIME ZONE NOT NULL,"
                        + " ORDEREXECUTED INTEGER NOT NULL, EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35),"
                        + " DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255), TAG VARCHAR(255), LIQUIBASE VARCHAR(20),"
                        + " CONTEXTS VARCHAR(255), LABELS VARCHAR(255), DEPLOYMENT_ID VARCHAR(10))",
                "INSERT INTO databasechangelog VALUES"
                        + " ('1', 'alice', 'db/changelog/001_accounts.sql', now(), 1, 'EXECUTED',"
                        + " '9:0d6f1d1b6b5b0d2e8a6f3c1e5b7a9c2d', 'sql', '', NULL, '4.29.2', NULL, NULL, '1234567890'),"
                        + " ('2', 'mallory', 'db/changelog/001_accounts.sql', now(), 2, 'EXECUTED',"
                        + " '9:5c1a7e2f3b4d6a8c0e9f1b2d3c4a5e6f', 'sql', '', NULL, '4.29.2', NULL, NULL, '1234567890')");
        assertThatThrownBy(() -> godwit(db, "liquibase").baselineFrom("liquibase", Optional.empty()))
                .hasMessageContaining("Liquibase ran changeset 2 by mallory (db/changelog/001_accounts.sql)")
                .hasMessageContaining("001_accounts.sql");
        assertThat(db.count("select count(*) from godwit.history")).isZero();

        db.execute("UPDATE databasechangelog SET author = 'alice' WHERE id = '2'");
        adoptsThenMigratesOnlyTheNew(db, "liquibase", "liquibase");
        assertThat(db.queryValue("select down_checksum is not null from godwit.history where version = '001.1'"))
                .isEqualTo(true);
    }

    private static String atlasTotal(Map<String, String> sums) throws IOException {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sums.forEach((n, h) -> {
                sha.update(n.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(h.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            });
            return java.util.Base64.getEncoder().encodeToString(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(ToolImport.sha384(text));
    }
}
