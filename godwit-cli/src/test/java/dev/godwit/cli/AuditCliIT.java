package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.godwit.audit.Actor;
import dev.godwit.audit.AuditAction;
import dev.godwit.audit.AuditLog;
import dev.godwit.cli.commands.AuditCommand;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code godwit audit log|verify|export}, run in-process through picocli with the same exit-code handling as
 * {@link Main}. The command is constructed here with the environment it reads GODWIT_AUDIT_KEY from, replacing
 * the registered one if {@link GodwitCommand} lists it already.
 */
@ExtendWith(PostgresExtension.class)
class AuditCliIT {

    static final String KEY = "audit-key-Zq81-never-printed";
    static final Actor ALICE = new Actor("alice", "box", Map.of(), "CHG-7", "bob");

    @TempDir
    Path dir;

    private TestDatabase db;
    private String head;


    @BeforeEach
    void threeEntries(TestDatabase db) throws Exception {
        this.db = db;
        head = fill(Optional.empty());
    }

    private String fill(Optional<byte[]> key) throws Exception {
        AuditLog log = new AuditLog("godwit", key);
        try (Connection c = db.connect()) {
            log.append(c, AuditAction.RUN_STARTED, "0123456789abcdef", null, ALICE, Map.of());
            log.append(c, AuditAction.MIGRATION_APPLIED, "0123456789abcdef", "1", ALICE, Map.of("ms", 12));
            return log.append(c, AuditAction.MIGRATION_APPLIED, "fedcba", "2", ALICE, Map.of()).hash();
        }
    }

    InProcess.Result run(Map<String, String> env, String... args) {
        return InProcess.run(cl -> {
            cl.getCommandSpec().removeSubcommand("audit");
            cl.addSubcommand(new AuditCommand(env));
        }, InProcess.withUrl(db.postgresUrl(), args));
    }

    InProcess.Result run(String... args) {
        return run(Map.of(), args);
    }

    static JsonNode json(InProcess.Result r) throws IOException {
        return new ObjectMapper().readTree(r.stdout());
    }

    @Test
    void logPrintsATableOldestFirst() {
        InProcess.Result r = run("audit", "log");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Seq", "Action", "Actor", "Ticket", "Approver", "alice@box (postgres)",
                "CHG-7", "bob", "01234567", "fedcba");
        assertThat(r.stdout()).doesNotContain("0123456789");
        assertThat(r.stdout().indexOf("run_started")).isLessThan(r.stdout().indexOf("migration_applied"));
    }

    @Test
    void logFiltersAndWritesJson() throws IOException {
        InProcess.Result r = run("audit", "log", "--action", "MIGRATION-APPLIED", "--since", "1h", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode doc = json(r);
        assertThat(doc.get("table").asText()).isEqualTo("godwit.audit_log");
        assertThat(doc.get("entries")).hasSize(2);
        JsonNode first = doc.get("entries").get(0);
        assertThat(first.get("seq").asLong()).isEqualTo(2);
        assertThat(first.get("details").get("ms").asInt()).isEqualTo(12);
        assertThat(first.get("db_user").asText()).isEqualTo("postgres");
        assertThat(first.get("hash").asText()).hasSize(64);

        assertThat(json(run("audit", "log", "--version", "2", "--json")).get("entries")).hasSize(1);
        assertThat(json(run("audit", "log", "--run", "0123", "--json")).get("entries")).hasSize(2);
        assertThat(json(run("audit", "log", "--since", "2999-01-01", "--json")).get("entries")).isEmpty();
        assertThat(json(run("audit", "log", "--since", "2020-01-01T00:00:00Z", "--json")).get("entries")).hasSize(3);
        assertThat(run("audit", "log", "--since", "2999-01-01").stdout()).contains("No audit entries match.");
    }

    @Test
    void badInputIsAUsageError() {
        InProcess.Result action = run("audit", "log", "--action", "applied");
        assertThat(action.exitCode()).as(action.toString()).isEqualTo(2);
        assertThat(action.stderr()).contains("unknown --action 'applied'", "migration_applied", "lint_blocked");

        InProcess.Result since = run("audit", "log", "--since", "last tuesday");
        assertThat(since.exitCode()).as(since.toString()).isEqualTo(2);
        assertThat(since.stderr()).contains("--since must be an ISO date", "'last tuesday'");
        assertThat(run("audit", "log", "--since", "2026-13-45").exitCode()).isEqualTo(2);

        InProcess.Result format = run("audit", "export", "--format", "xml");
        assertThat(format.exitCode()).as(format.toString()).isEqualTo(2);
        assertThat(format.stderr()).contains("--format must be csv or jsonl, not 'xml'");
        assertThat(run("audit", "export").exitCode()).isEqualTo(2);

        InProcess.Result headHash = run("audit", "verify", "--expect-head", "abc");
        assertThat(headHash.exitCode()).isEqualTo(2);
        assertThat(headHash.stderr()).contains("--expect-head must be a 64-character hex hash");

        InProcess.Result none = run("audit");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.stderr()).contains("audit verify");
    }

    @Test
    void verifyPrintsTheHeadAndExitsZeroWhenIntact() throws IOException {
        InProcess.Result r = run("audit", "verify", "--expect-head", head);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("intact: 3 entries, head " + head, "SHA-256, no key");

        JsonNode doc = json(run("audit", "verify", "--json"));
        assertThat(doc.get("intact").asBoolean()).isTrue();
        assertThat(doc.get("entries").asLong()).isEqualTo(3);
        assertThat(doc.get("head").asText()).isEqualTo(head);
        assertThat(doc.get("break").isNull()).isTrue();
    }

    @Test
    void verifyNamesTheFirstBreakAndExitsFour() throws IOException {
        db.execute("alter table godwit.audit_log disable trigger audit_log_no_update_delete",
                "update godwit.audit_log set approver = 'mallory' where seq = 2");
        InProcess.Result r = run("audit", "verify");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.stdout()).contains("BROKEN at entry 2 (edited)", "3 entries, head " + head);

        JsonNode doc = json(run("audit", "verify", "--json"));
        assertThat(doc.get("intact").asBoolean()).isFalse();
        assertThat(doc.get("break").get("kind").asText()).isEqualTo("edited");
        assertThat(doc.get("break").get("seq").asLong()).isEqualTo(2);

        db.execute("update godwit.audit_log set approver = 'bob' where seq = 2",
                "delete from godwit.audit_log where seq = 3");
        assertThat(run("audit", "verify").exitCode()).isZero();
        InProcess.Result cut = run("audit", "verify", "--expect-head", head);
        assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(4);
        assertThat(cut.stdout()).contains("(cut_tail)");
    }

    @Test
    void verifyUsesTheKeyFromTheEnvironmentAndNeverPrintsIt() throws Exception {
        db.execute("drop table godwit.audit_log");
        String keyedHead = fill(Optional.of(KEY.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> env = Map.of("GODWIT_AUDIT_KEY", KEY);

        InProcess.Result ok = run(env, "audit", "verify", "--expect-head", keyedHead);
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.stdout()).contains("intact: 3 entries", "HMAC-SHA256 with GODWIT_AUDIT_KEY");

        InProcess.Result missing = run("audit", "verify");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(4);
        assertThat(missing.stdout()).contains("(key)", "wrong or missing GODWIT_AUDIT_KEY");

        InProcess.Result wrong = run(Map.of("GODWIT_AUDIT_KEY", "not-the-key"), "audit", "verify", "--json");
        assertThat(wrong.exitCode()).isEqualTo(4);
        assertThat(json(wrong).get("break").get("kind").asText()).isEqualTo("key");

        for (InProcess.Result r : List.of(ok, missing, run(env, "audit", "verify", "--json"), run(env, "audit", "log"),
                run(env, "audit", "export", "--format", "jsonl"), run(env, "audit", "log", "--action", "nope"))) {
            assertThat(r.all()).doesNotContain(KEY);
        }
        InProcess.Result empty = run(Map.of("GODWIT_AUDIT_KEY", ""), "audit", "verify");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.stderr()).contains("GODWIT_AUDIT_KEY is set but empty");
    }

    @Test
    void exportWritesCsvToStdout() {
        InProcess.Result r = run("audit", "export", "--format", "CSV");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> lines = r.stdout().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("seq,at,action,run_id,");
        assertThat(lines.get(3)).startsWith("3,").endsWith("," + head);
        assertThat(run("audit", "export", "--format", "csv", "--since", "2999-01-01").stdout().lines()).hasSize(1);
    }

    @Test
    void exportWritesAFileOnlyItsOwnerCanRead() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        Files.writeString(file, "old content");
        InProcess.Result r = run("audit", "export", "--format", "jsonl", "--output", file.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Exported godwit.audit_log as jsonl to " + file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            assertThat(new ObjectMapper().readTree(line).get("hash").asText()).hasSize(64);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("audit.jsonl");
        }
        InProcess.Result noDir = run("audit", "export", "--format", "jsonl", "--output", dir.resolve("nope/x.jsonl").toString());
        assertThat(noDir.exitCode()).isEqualTo(2);
        assertThat(noDir.stderr()).contains("its folder does not exist");
    }

    @Test
    void anEmptyDatabaseHasAnEmptyIntactLog() throws IOException {
        db.execute("drop schema godwit cascade");
        InProcess.Result log = run("audit", "log");
        assertThat(log.exitCode()).as(log.toString()).isZero();
        assertThat(log.stdout()).contains("No audit entries in godwit.audit_log.");
        InProcess.Result v = run("audit", "verify");
        assertThat(v.exitCode()).isZero();
        assertThat(v.stdout()).contains("intact: 0 entries, head " + "0".repeat(64));
        assertThat(json(run("audit", "verify", "--json", "--expect-head", head)).get("break").get("kind").asText())
                .isEqualTo("cut_tail");
    }
}
