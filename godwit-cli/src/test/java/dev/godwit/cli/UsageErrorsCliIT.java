package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Options that do not go together, or values that make no sense: exit 2, a message naming them, nothing written. */
class UsageErrorsCliIT extends CliTestBase {

    @BeforeEach
    void oneMigration() {
        write("V1__a.sql", "create table a (id int);");
        write("U1__a.sql", "drop table a;");
    }

    @ParameterizedTest(name = "godwit {0}")
    @CsvSource(delimiter = '|', value = {
        "rollback --steps 0                  | --steps must be 1 or more",
        "rollback --steps 1 --to 1           | --steps or --to, not both",
        "rollback --to latest                | --to must be a version",
        "plan --rollback --steps 1 --to 1    | --steps or --to, not both",
        "plan --steps 2                      | go with --rollback",
        "baseline                            | --version VERSION or --from-flyway",
        "baseline --version 2 --from-flyway  | --version VERSION or --from-flyway",
        "baseline --version two              | --version must be a version",
        "repair --reason because             | --reason goes with --accept-checksum",
        "repair --accept-checksum one --reason x | --accept-checksum takes a version",
    })
    void isRefusedWithExit2AndChangesNothing(String args, String message) {
        GodwitProcess.Result r = run(args.trim().split("\\s+"));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).contains(message);
        assertThat(db.tableExists("godwit.history")).isFalse();
        assertThat(db.tableExists("public.a")).isFalse();
    }

    @Test
    void anEmptyAuditKeyIsRefusedRatherThanWritingAnUnkeyedChain() {
        GodwitProcess.Result r = godwit.env("GODWIT_AUDIT_KEY", "").run("migrate", "--url", url());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).contains("GODWIT_AUDIT_KEY is set but empty");
        assertThat(db.tableExists("public.a")).isFalse();
        assertThat(db.tableExists("godwit.audit_log")).isFalse();
    }

    @Test
    void anEmptyReportFolderIsAConfigurationError() {
        config("[report]\ndir = \" \"\n");

        GodwitProcess.Result r = run("migrate");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("[report] dir").contains("godwit.toml");
        assertThat(db.tableExists("public.a")).isFalse();
    }
}
