package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Separation of duties, run reports and the audit log through the real jar; no secret leaks into any. */
class AuditReportCliIT extends CliTestBase {

    static final String PASSWORD = "s3cr3t-pw";
    static final String KEY = "audit-key-0123456789";

    @Test
    void aTicketIsRequiredWhereConfiguredAndTheRefusalIsAudited() {
        write("V1__a.sql", "create table a (id int);");
        config("[audit]\nrequire_ticket = true\nrequire_distinct_approver = true\n");

        GodwitProcess.Result noTicket = run("migrate");
        assertThat(noTicket.exitCode()).as(noTicket.toString()).isEqualTo(2);
        assertThat(noTicket.stderr()).contains("needs a change ticket").contains("--ticket");

        GodwitProcess.Result self = run("migrate", "--ticket", "CHG-7", "--approved-by", System.getProperty("user.name"));
        assertThat(self.exitCode()).isEqualTo(2);
        assertThat(self.stderr()).contains("someone other than the person running it");
        assertThat(db.tableExists("public.a")).isFalse();

        JsonNode log = json(run("audit", "log", "--json"));
        assertThat(log.toString()).contains("refused").contains("needs a change ticket");

        GodwitProcess.Result ok = run("migrate", "--ticket", "CHG-7", "--approved-by", "bob");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(db.tableExists("public.a")).isTrue();
    }

    @Test
    void aRunLeavesAReportWithTicketApproverAndTheAuditHead() throws Exception {
        write("V1__a.sql", "create table a (id int);");

        GodwitProcess.Result m = run("migrate", "--ticket", "CHG-42", "--approved-by", "bob");
        assertThat(m.exitCode()).as(m.toString()).isZero();
        assertThat(m.stdout()).contains("Report: ");

        GodwitProcess.Result verify = run("audit", "verify");
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        String head = verify.stdout().replaceAll("(?s).*head ([0-9a-f]{64}).*", "$1");
        assertThat(m.stdout()).contains("Audit log head: " + head);
        assertThat(run("audit", "verify", "--expect-head", head).exitCode()).isZero();

        GodwitProcess.Result report = run("report");
        assertThat(report.exitCode()).as(report.toString()).isZero();
        assertThat(report.stdout()).contains("# godwit migrate: done").contains("| ticket | CHG-42 |")
                .contains("| approved by | bob |").contains("V1 a").contains(head);
        JsonNode json = json(run("report", "--json"));
        assertThat(json.get("auditHead").asText()).isEqualTo(head);
        assertThat(json.get("versionAfter").asText()).isEqualTo("1");

        GodwitProcess.Result none = run("report", "no-such-run");
        assertThat(none.exitCode()).isEqualTo(2);
    }

    @Test
    void neitherThePasswordNorTheAuditKeyReachesReportsTheAuditLogOrTheOutput() throws Exception {
        write("V1__a.sql", "create table a (id int);");
        write("V2__b.sql", "select nope;");
        String url = "postgres://" + db.user() + ":" + PASSWORD + "@" + db.host() + ":" + db.port() + "/" + db.name();
        godwit.env("GODWIT_AUDIT_KEY", KEY);

        GodwitProcess.Result m = godwit.run("migrate", "--url", url, "--ticket", "CHG-1");
        GodwitProcess.Result export = godwit.run("audit", "export", "--format", "jsonl", "--url", url);
        GodwitProcess.Result verify = godwit.run("audit", "verify", "--url", url);
        GodwitProcess.Result report = godwit.run("report", "--url", url);

        assertThat(m.exitCode()).as(m.toString()).isEqualTo(1);
        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        StringBuilder everything = new StringBuilder(m.all() + export.all() + verify.all() + report.all());
        try (Stream<Path> files = Files.list(dir.resolve("reports"))) {
            for (Path f : files.toList()) {
                everything.append(Files.readString(f));
            }
        }
        everything.append(db.queryValue("select string_agg(t::text, E'\\n') from godwit.audit_log t"));
        assertThat(everything.toString()).contains("CHG-1").doesNotContain(PASSWORD).doesNotContain(KEY);

        GodwitProcess.Result withoutKey = new GodwitProcess(dir).run("audit", "verify", "--url", url);
        assertThat(withoutKey.exitCode()).as(withoutKey.toString()).isEqualTo(4);
    }
}
