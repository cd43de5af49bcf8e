package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code godwit rehearse} as a user runs it: the real jar, a real target, exit codes, JSON and HTML. */
class RehearseCliIT extends CliTestBase {

    /** The test server itself, as --shadow-url: the rehearsal creates (and drops) a database of its own there. */
    String shadowUrl() {
        return url().substring(0, url().lastIndexOf('/')) + "/postgres";
    }

    @Test
    void onTheEmbeddedServerFromScratchItTracesTheRewriteTestsTheRollbackAndWritesJsonAndHtml() throws Exception {
        write("V1__ledger.sql", "create table ledger (id int primary key, amount int not null);");
        write("U1__ledger.sql", "drop table ledger;");
        assertThat(run("migrate").exitCode()).isZero();
        write("V2__widen.sql", "alter table ledger alter column amount type bigint;");
        write("U2__widen.sql", "alter table ledger alter column amount type int;");

        GodwitProcess.Result r = run("rehearse", "--from", "scratch", "--rows", "200", "--json", "--html",
                "out/rehearsal.html");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode doc = json(r);
        assertThat(doc.get("server").asText()).startsWith("an embedded PostgreSQL");
        assertThat(doc.get("from").asText()).isEqualTo("scratch");
        assertThat(doc.get("migrations")).hasSize(1);
        JsonNode st = doc.get("migrations").get(0).get("statements").get(0);
        assertThat(st.get("rewrites").toString()).contains("table ledger", "index ledger_pkey");
        assertThat(st.get("locks").toString()).contains("ACCESS EXCLUSIVE");
        assertThat(doc.get("migrations").get(0).get("projections").get(0).asText())
                .startsWith("blocks reads and writes to ledger");
        assertThat(doc.get("rollback").get("status").asText()).isEqualTo("passed");
        assertThat(Files.readString(dir.resolve("out/rehearsal.html"))).contains("<svg id=\"timeline\"");
        assertThat(db.count("select count(*) from ledger")).as("the target is only read").isZero();
        assertThat(db.queryValue("select format_type(atttypid, atttypmod) from pg_attribute"
                + " where attrelid = 'ledger'::regclass and attname = 'amount'")).isEqualTo("integer");
    }

    @Test
    void aDownScriptThatForgetsAnIndexExitsFiveAndNamesIt() {
        db.execute("create table accounts (id bigint primary key, owner text)");
        write("V1__owner.sql", "alter table accounts add column note text;\ncreate index accounts_owner on accounts (owner);");
        write("U1__owner.sql", "alter table accounts drop column note;");

        GodwitProcess.Result r = run("rehearse", "--shadow-url", shadowUrl());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
        assertThat(r.stdout()).contains("Rollback test: FAILED", "extra index public.accounts_owner",
                "the rollback does not restore the schema");
        assertThat(db.count("select count(*) from pg_database where datname like 'godwit_rehearse_%'"))
                .as("the rehearsal database is dropped").isZero();
    }

    @Test
    void aFailingStatementExitsOneAndBadOptionsExitTwo() {
        write("V1__bad.sql", "create table t (id int);\ninsert into t values ('x');");

        GodwitProcess.Result failed = run("rehearse", "--shadow-url", shadowUrl());
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.stdout()).contains("V1__bad.sql:2:1", "FAILED");

        GodwitProcess.Result from = run("rehearse", "--from", "yesterday");
        assertThat(from.exitCode()).isEqualTo(2);
        assertThat(from.stderr()).contains("--from takes scratch or target");
        assertThat(run("rehearse", "--rows", "lots").exitCode()).isEqualTo(2);
        GodwitProcess.Result major = godwit.run("rehearse", "--url", "postgres://nobody@127.0.0.1:1/none", "--pg-version", "16");
        assertThat(major.exitCode()).as(major.toString()).isEqualTo(2);
        assertThat(major.stderr()).contains("PostgreSQL 15 only", "--shadow-url");
    }
}
