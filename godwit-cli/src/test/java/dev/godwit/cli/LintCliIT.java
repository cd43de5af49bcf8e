package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@code godwit lint} and the gate in {@code migrate} / {@code plan}, through the real jar. */
class LintCliIT extends CliTestBase {


    void riskyIndex() {
        write("V1__ledger.sql", "create table ledger (id bigint primary key, account_id bigint);");
        write("V2__index.sql", "-- an index for the statements page\ncreate index ledger_account on ledger (account_id);");
    }

    @Test
    void withoutConfigOrDatabaseLintSaysWhereWhatWhichLockAndWhatToWriteInstead() {
        riskyIndex();

        GodwitProcess.Result r = godwit.run("lint", "db/migrations");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SAFETY_GATE);
        assertThat(r.stdout()).contains("db/migrations/V2__index.sql:2:1", "high", "create-index-not-concurrently",
                "create index ledger_account on ledger (account_id)",
                "lock: SHARE on ledger: blocks writes (INSERT, UPDATE, DELETE)",
                "instead:", "index CONCURRENTLY ledger_account",
                "-- godwit:allow create-index-not-concurrently because <reason>",
                "2 file(s), 2 statement(s): 1 blocking (max_risk high): 1 high");
    }

    @Test
    void jsonAndSarifCarryEveryFinding() throws IOException {
        riskyIndex();

        GodwitProcess.Result j = godwit.run("lint", "--format", "json", "db/migrations");
        assertThat(j.exitCode()).as(j.toString()).isEqualTo(ExitCodes.SAFETY_GATE);
        JsonNode f = json(j).get("findings").get(0);
        assertThat(f.get("rule").asText()).isEqualTo("create-index-not-concurrently");
        assertThat(f.get("risk").asText()).isEqualTo("high");
        assertThat(f.get("file").asText()).isEqualTo("db/migrations/V2__index.sql");
        assertThat(f.get("line").asInt()).isEqualTo(2);
        assertThat(f.get("column").asInt()).isEqualTo(1);
        assertThat(f.get("lock").asText()).isEqualTo("SHARE");
        assertThat(f.get("message").asText()).contains("without CONCURRENTLY");

        GodwitProcess.Result s = godwit.run("lint", "--format", "sarif", "db/migrations");
        JsonNode sarif = json(s);
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("godwit");
        assertThat(run.at("/tool/driver/rules")).isNotEmpty();
        JsonNode result = run.get("results").get(0);
        assertThat(result.get("ruleId").asText()).isEqualTo("create-index-not-concurrently");
        assertThat(result.get("level").asText()).isEqualTo("error");
        assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("db/migrations/V2__index.sql");
        assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(2);
    }

    @Test
    void githubActionsGetsAnnotations() {
        riskyIndex();

        GodwitProcess.Result r = godwit.env("GITHUB_ACTIONS", "true").run("lint", "db/migrations");

        assertThat(r.stdout()).contains("::error file=db/migrations/V2__index.sql,line=2,col=1,title=godwit"
                + " create-index-not-concurrently (high)::CREATE INDEX on ledger");
    }

    @Test
    void anAllowedFindingPassesWithItsReasonShown() {
        write("V1__ledger.sql", "create table ledger (id bigint primary key, account_id bigint);");
        write("V2__index.sql", "-- godwit:allow create-index-not-concurrently because ledger is written nightly only\n"
                + "create index ledger_account on ledger (account_id);");

        GodwitProcess.Result r = godwit.run("lint");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("(allowed: ledger is written nightly only)", "0 blocking", "1 allowed");
    }

    @Test
    void badInputEndsInExitTwoWithFileAndLine() {
        write("V1__broken.sql", "create table a (id int);\nselect 'unterminated;\n");
        GodwitProcess.Result syntax = godwit.run("lint");
        assertThat(syntax.exitCode()).as(syntax.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(syntax.stderr()).contains("db/migrations/V1__broken.sql:2:");

        write("V1__broken.sql", "-- godwit:allow create-index-not-concurently because typo\ncreate index i on a (id);");
        GodwitProcess.Result typo = godwit.run("lint");
        assertThat(typo.exitCode()).as(typo.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.stderr()).contains("V1__broken.sql:1", "names no rule 'create-index-not-concurently'",
                "did you mean 'create-index-not-concurrently'");

        GodwitProcess.Result missing = godwit.run("lint", "no/such/folder");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.stderr()).contains("no/such/folder: no such file or folder");

        GodwitProcess.Result version = godwit.run("lint", "--pg-version", "9");
        assertThat(version.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(version.stderr()).contains("--pg-version");
    }

    @Test
    void rulesAreListedAndMaxRiskAndConfigChangeTheGate() {
        GodwitProcess.Result list = godwit.run("lint", "--rules");
        assertThat(list.exitCode()).isZero();
        assertThat(list.stdout()).contains("create-index-not-concurrently", "money-as-float", "critical");

        riskyIndex();
        assertThat(godwit.run("lint", "--max-risk", "critical").exitCode()).isZero();
        config("[lint]\ndisable = [\"create-index-not-concurrently\"]\n");
        assertThat(godwit.run("lint").exitCode()).isZero();
    }

    @Test
    void migrateRefusesARiskyPendingMigrationAndSaysExactlyWhatToDo() {
        write("V1__ledger.sql", "create table ledger (id bigint primary key, account_id bigint);");
        assertThat(run("migrate").exitCode()).isZero();
        // large enough for the gate's size grading to keep the index build high
        db.execute("insert into ledger select g, g % 100 from generate_series(1, 150000) g", "analyze ledger");
        write("V2__index.sql", "create index ledger_account on ledger (account_id);");

        GodwitProcess.Result plan = run("plan");
        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCodes.SAFETY_GATE);
        assertThat(plan.stdout()).contains("risk: high, 1 finding(s)", "V2__index.sql:1:1 high create-index-not-concurrently",
                "the catalog puts ledger at about 150,000 rows");

        GodwitProcess.Result m = run("migrate");
        assertThat(m.exitCode()).as(m.toString()).isEqualTo(ExitCodes.SAFETY_GATE);
        assertThat(m.all()).contains("nothing was applied: the safety gate refused 1 finding(s) at or above max_risk high",
                "V2__index.sql:1:1", "index CONCURRENTLY ledger_account on ledger (account_id);",
                "-- godwit:allow create-index-not-concurrently because <reason>");
        assertThat(db.count("select count(*) from godwit.history")).isEqualTo(1);

        write("V2__index.sql", "create index concurrently ledger_account on ledger (account_id);");
        GodwitProcess.Result fixed = run("migrate");
        assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
        assertThat(db.count("select count(*) from godwit.history")).isEqualTo(2);
    }
}
