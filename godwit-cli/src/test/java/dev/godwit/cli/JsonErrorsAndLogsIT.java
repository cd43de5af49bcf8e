package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --json} keeps its promise on errors too; {@code -v} and {@code --log-format json} log the steps. */
class JsonErrorsAndLogsIT extends CliTestBase {

    @Test
    void anUnreachableDatabaseIsAJsonErrorOnStdout() {
        GodwitProcess.Result r = godwit.run("status", "--json", "--url", "postgres://app:pw-not-shown@127.0.0.1:1/ledger");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(8);
        JsonNode error = json(r).get("error");
        assertThat(error.get("code").asText()).isEqualTo("not-ready");
        assertThat(error.get("exitCode").asInt()).isEqualTo(8);
        assertThat(error.get("message").asText()).contains("127.0.0.1");
        assertThat(r.stdout() + r.stderr()).doesNotContain("pw-not-shown");
        assertThat(r.stderr()).contains("godwit: error:");
    }

    @Test
    void aBadOptionIsAJsonUsageError() {
        GodwitProcess.Result r = run("migrate", "--json", "--lock-timeout", "soon");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        JsonNode error = json(r).get("error");
        assertThat(error.get("code").asText()).isEqualTo("usage");
        assertThat(error.get("message").asText()).contains("--lock-timeout");

        GodwitProcess.Result badProgress = run("migrate", "--json", "--progress-every", "often");
        assertThat(badProgress.exitCode()).isEqualTo(2);
        assertThat(json(badProgress).get("error").get("message").asText()).contains("--progress-every");

        GodwitProcess.Result unknown = run("migrate", "--json", "--no-such-option");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(json(unknown).get("error").get("message").asText()).contains("--no-such-option");
    }

    @Test
    void filesThatDoNotValidateAreAJsonRefusalWithTheirProblems() {
        write("V1__a.sql", "create table a (id int);\n");
        write("V1__b.sql", "create table b (id int);\n");
        GodwitProcess.Result r = run("migrate", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        JsonNode doc = json(r);
        assertThat(doc.get("outcome").asText()).isEqualTo("invalid");
        assertThat(doc.get("problems").toString()).contains("duplicate version 1");
    }

    @Test
    void verboseLogsConnectionsTheLockAndEachStatementWithItsTime() {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);\ncreate index on accounts (id);\n");
        GodwitProcess.Result r = run("migrate", "-v");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("connecting to postgres://").contains("migration lock taken after")
                .contains("V1__accounts.sql:1:1 ran in").contains("V1__accounts.sql:2:1 ran in")
                .contains("applied V1 accounts in");
        assertThat(r.stdout()).doesNotContain("ran in");

        GodwitProcess.Result quiet = run("status");
        assertThat(quiet.stderr()).doesNotContain("connecting to");
    }

    @Test
    void logFormatJsonWritesOneJsonObjectPerLine() throws Exception {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);\n");
        GodwitProcess.Result r = run("migrate", "-v", "--log-format", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : lines) {
            assertThat(mapper.readTree(line).isObject()).as(line).isTrue();
        }
        assertThat(r.stderr()).contains("ran in");
    }
}
