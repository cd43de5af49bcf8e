package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Expand/contract releases through the real jar: --phase, the expand gate, phase order, status and plan. */
class PhasesCliIT extends CliTestBase {

    private boolean hasColumn(String table, String column) {
        return db.count("select count(*) from information_schema.columns where table_name = '" + table
                + "' and column_name = '" + column + "'") == 1;
    }

    @Test
    void theExpandGateRefusesADropWithTheContractRecipeAndAppliesNothing() {
        write("V1__accounts.sql", "create table accounts (id bigint primary key, nickname text);");
        assertThat(run("migrate").exitCode()).isZero();
        write("V2__drop_nickname.sql", "alter table accounts drop column nickname;");

        GodwitProcess.Result r = run("migrate", "--phase", "expand");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
        assertThat(r.all()).contains("expand-incompatible").contains("drops column accounts.nickname")
                .contains("godwit:phase contract");
        assertThat(hasColumn("accounts", "nickname")).isTrue();

        GodwitProcess.Result plan = run("plan", "--phase", "expand", "--json");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(5);
        JsonNode finding = json(plan).get("pending").get(0).get("findings").get(0);
        assertThat(finding.get("rule").asText()).isEqualTo("expand-incompatible");
        assertThat(finding.toString()).contains("-- godwit:phase contract");
    }

    @Test
    void aFileThatSaysExpandIsGatedEvenWhenEveryPhaseRuns() {
        write("V1__t.sql", "create table t (id bigint primary key, amount integer, note varchar(20));");
        assertThat(run("migrate").exitCode()).isZero();
        write("V2__widen.sql", "-- godwit:phase expand\nalter table t alter column amount type bigint;\n"
                + "alter table t alter column note type varchar(40);\n");
        write("V3__bad.sql", "-- godwit:phase expand\nalter table t add column owner text not null;\n"
                + "alter table t rename column note to memo;\nalter table t alter column amount type text;\n");

        GodwitProcess.Result r = run("plan", "--json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
        JsonNode pending = json(r).get("pending");
        assertThat(pending.get(0).get("phase").asText()).isEqualTo("expand");
        assertThat(pending.get(0).get("findings").toString()).doesNotContain("expand-incompatible");
        String bad = pending.get(1).get("findings").toString();
        assertThat(bad).contains("adds t.owner NOT NULL without a default").contains("renames column t.note to memo")
                .contains("changes the type of t.amount");
    }

    @Test
    void expandThenContractAndAContractMayLagBehindTheNextExpand() {
        write("V1__accounts.sql", "create table accounts (id bigint primary key, nickname text);");
        write("V2__add_alias.sql", "alter table accounts add column alias text;");
        write("V3__drop_nickname.sql", "-- godwit:phase contract\n"
                + "-- godwit:allow drop-column because release 1 moved to alias\nalter table accounts drop column nickname;");
        write("V4__add_region.sql", "alter table accounts add column region text;");

        GodwitProcess.Result expand = run("migrate", "--phase", "expand");
        assertThat(expand.exitCode()).as(expand.toString()).isZero();
        assertThat(hasColumn("accounts", "region")).isTrue();
        assertThat(hasColumn("accounts", "nickname")).isTrue();

        GodwitProcess.Result status = run("status", "--json");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        JsonNode v3 = json(status).get("migrations").get(2);
        assertThat(v3.get("phase").asText()).isEqualTo("contract");
        assertThat(v3.get("state").asText()).isEqualTo("pending");
        assertThat(json(status).get("problems")).isEmpty();
        assertThat(run("status").stdout()).contains("Phase").contains("contract");

        GodwitProcess.Result contract = run("migrate", "--phase", "contract");
        assertThat(contract.exitCode()).as(contract.toString()).isZero();
        assertThat(hasColumn("accounts", "nickname")).isFalse();
        assertThat(json(run("status", "--json")).get("pending").asInt()).isZero();
    }

    @Test
    void aContractMayNotRunWhileAnExpandBeforeItIsPending() {
        write("V1__accounts.sql", "create table accounts (id bigint primary key, nickname text);");
        write("V2__drop_nickname.sql", "-- godwit:phase contract\nalter table accounts drop column nickname;");

        GodwitProcess.Result r = run("migrate", "--phase", "contract");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.all()).contains("V2 drop nickname (V2__drop_nickname.sql) is a contract migration")
                .contains("V1 accounts (V1__accounts.sql) before it is still pending")
                .contains("godwit migrate --phase expand");
        assertThat(db.tableExists("public.accounts")).isFalse();
    }

    @Test
    void badPhasesAreRefusedWithWhatIsAccepted() {
        write("V1__a.sql", "create table a (id int);");
        GodwitProcess.Result option = run("migrate", "--phase", "sideways");
        assertThat(option.exitCode()).as(option.toString()).isEqualTo(2);
        assertThat(option.stderr()).contains("--phase must be expand, contract or all, not 'sideways'");

        write("V2__b.sql", "-- godwit:phase later\ncreate table b (id int);");
        GodwitProcess.Result directive = run("migrate");
        assertThat(directive.exitCode()).as(directive.toString()).isEqualTo(4);
        assertThat(directive.all()).contains("godwit:phase takes expand or contract, not 'later'");
        assertThat(db.tableExists("public.a")).isFalse();
    }
}
