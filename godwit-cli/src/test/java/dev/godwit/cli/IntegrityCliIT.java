package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Exit 6 through the real jar: a migration that loses ledger rows, and {@code godwit check}. */
class IntegrityCliIT extends CliTestBase {

    private static final String LEDGER = """
            create table accounts (id bigint primary key, balance numeric(12,2) not null);
            create table ledger_entries (id bigint primary key, account_id bigint not null references accounts,
                amount numeric(12,2) not null);
            create index on ledger_entries (account_id);
            insert into accounts values (1, 100.00), (2, 0);
            insert into ledger_entries values (1, 1, -5.00), (2, 2, 5.00), (3, 1, -0.10), (4, 2, 0.10);
            """;

    @Test
    void aMigrationThatLosesLedgerRowsIsRefusedWithExit6AndATable() {
        write("V1__ledger.sql", LEDGER);
        assertThat(run("migrate").exitCode()).isZero();
        write("V2__purge_cents.sql", "delete from ledger_entries where abs(amount) < 1;");

        GodwitProcess.Result r = run("migrate");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(6);
        assertThat(r.stdout()).contains("integrity check failed in V2 purge cents")
                .containsPattern("ledger_entries\\.rows\\s+4\\s+2\\s+no rows lost\\s+VIOLATED\\s+exact")
                .contains("refused to COMMIT").contains("the checks added");
        assertThat(r.stderr()).contains("V2 purge cents failed at V2__purge_cents.sql: 1 data integrity check(s) failed")
                .contains("ledger_entries.rows: before 4, after 2, expected no rows lost");
        assertThat(db.count("select count(*) from ledger_entries")).isEqualTo(4);

        GodwitProcess.Result j = run("migrate", "--json");
        assertThat(j.exitCode()).isEqualTo(6);
        JsonNode doc = json(j);
        assertThat(doc.get("outcome").asText()).isEqualTo("failed");
        assertThat(doc.get("integrity").get(0).get("check").asText()).isEqualTo("ledger_entries.rows");
        assertThat(doc.get("integrity").get(0).get("after").asText()).isEqualTo("2");
    }

    @Test
    void checkPrintsAPassFailTableWithEvidenceAndExits6() {
        write("V1__ledger.sql", LEDGER + "-- godwit:allow money-as-float because check must find it after the fact\ncreate table payouts (id bigint primary key, user_id text,"
                + " amount double precision);\ncreate table users (id uuid primary key);\n");
        config("[checks]\nnonnegative = [\"ledger_entries.amount\"]\n");
        GodwitProcess.Result m = run("migrate");
        assertThat(m.exitCode()).as(m.toString()).isZero();
        assertThat(m.stdout()).contains("schema audit: this run introduced").contains("float-money")
                .contains("payouts.user_id");

        GodwitProcess.Result r = run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(6);
        assertThat(r.stdout()).containsPattern("float-money\\s+FAIL\\s+1 found")
                .containsPattern("invalid-index\\s+pass\\s+none found")
                .containsPattern("nonnegative\\s+ledger_entries.amount\\s+FAIL\\s+2 negative value\\(s\\)")
                .contains("id=1, amount=-5.00").contains("payouts.amount: is double precision")
                .contains("check(s) failed");

        GodwitProcess.Result schema = run("check", "schema", "--json");
        assertThat(schema.exitCode()).isEqualTo(6);
        JsonNode doc = json(schema);
        assertThat(doc.get("checks")).hasSize(8);
        assertThat(doc.get("failed").asInt()).isEqualTo(3); // float-money, id-without-foreign-key, type mismatch
    }

    @Test
    void aCleanDatabasePassesAndABadConfigIsExit2() {
        write("V1__ledger.sql", LEDGER);
        assertThat(run("migrate").exitCode()).isZero();

        GodwitProcess.Result ok = run("check", "data");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.stdout()).contains("All checks passed");

        config("[[checks.invariant]]\nname = \"x\"\nsql = \"select 1\"\nexpect = \"one\"\n");
        GodwitProcess.Result bad = run("check");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("[[checks.invariant]] number 1").contains("godwit.toml");
    }
}
