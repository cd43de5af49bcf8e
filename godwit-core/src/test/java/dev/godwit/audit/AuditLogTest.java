package dev.godwit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class AuditLogTest {

    static final Actor ALICE = new Actor("alice", "box", Map.of("GITHUB_ACTOR", "octo"), "CHG-1", "bob");
    private final AuditLog log = new AuditLog("godwit", Optional.empty());

    @Test
    void appendBuildsAChainWhoseHashesAnyoneCanRecompute(TestDatabase db) throws Exception {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("n", new java.math.BigDecimal("1.50"));
        details.put("b", 2);
        details.put("a", "x\"y");
        try (Connection c = db.connect()) {
            log.append(c, AuditAction.RUN_STARTED, "run-1", null, ALICE, Map.of());
            AuditEntry e = log.append(c, AuditAction.MIGRATION_APPLIED, "run-1", "1", ALICE, details);
            log.append(c, AuditAction.RUN_FINISHED, "run-1", null, ALICE, Map.of());
            assertThat(e.seq()).isEqualTo(2);
            assertThat(e.dbUser()).isEqualTo("postgres");
            assertThat(e.details()).containsEntry("b", 2L).containsEntry("a", "x\"y");
        }
        assertThat(db.queryValue("select string_agg(seq::text, ',' order by seq) from godwit.audit_log"))
                .isEqualTo("1,2,3");
        assertThat(db.queryValue("select prev_hash from godwit.audit_log where seq = 1")).isEqualTo("0".repeat(64));
        assertThat(db.count("select count(*) from godwit.audit_log a join godwit.audit_log b"
                + " on b.seq = a.seq + 1 and b.prev_hash = a.hash")).isEqualTo(2);

        // Recomputed here from the documented encoding, not with the production code.
        String at = (String) db.queryValue("select to_char(at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                + " from godwit.audit_log where seq = 2");
        String canonical = "{\"seq\":2,\"at\":\"" + at + "\",\"action\":\"migration_applied\",\"run_id\":\"run-1\","
                + "\"version\":\"1\",\"os_user\":\"alice\",\"db_user\":\"postgres\",\"host\":\"box\","
                + "\"ci\":{\"GITHUB_ACTOR\":\"octo\"},\"ticket\":\"CHG-1\",\"approver\":\"bob\","
                + "\"details\":{\"a\":\"x\\\"y\",\"b\":2,\"n\":1.50}}";
        String prev = (String) db.queryValue("select hash from godwit.audit_log where seq = 1");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((prev + "\n" + canonical).getBytes(StandardCharsets.UTF_8)));
        assertThat(db.queryValue("select hash from godwit.audit_log where seq = 2")).isEqualTo(expected);

        try (Connection c = db.connect()) {
            Verification v = log.verify(c, Optional.empty());
            assertThat(v.intact()).as(v.toString()).isTrue();
            assertThat(v.entries()).isEqualTo(3);
            assertThat(v.head()).isEqualTo(db.queryValue("select hash from godwit.audit_log where seq = 3"));
            assertThat(log.head(c)).contains(v.head());
        }
    }

    @Test
    void anEntryAppendedInARolledBackTransactionLeavesNothing(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            log.append(c, AuditAction.RUN_STARTED, "run-1", null, ALICE, Map.of());
            c.setAutoCommit(false);
            log.append(c, AuditAction.MIGRATION_APPLIED, "run-1", "1", ALICE, Map.of());
            c.rollback();
            c.setAutoCommit(true);
            AuditEntry next = log.append(c, AuditAction.MIGRATION_FAILED, "run-1", "1", ALICE, Map.of());
            assertThat(next.seq()).as("the rolled-back seq is reused: no gap").isEqualTo(2);
            assertThat(log.verify(c, Optional.empty()).intact()).isTrue();
        }
        assertThat(db.count("select count(*) from godwit.audit_log where action = 'migration_applied'")).isZero();
    }

    @Test
    void aRolledBackFirstAppendTakesTheTableWithIt(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            log.append(c, AuditAction.RUN_STARTED, "run-1", null, ALICE, Map.of());
            c.rollback();
        }
        assertThat(db.tableExists("godwit.audit_log")).isFalse();
        try (Connection c = db.connect()) {
            Verification v = log.verify(c, Optional.empty());
            assertThat(v.intact()).isTrue();
            assertThat(v.entries()).isZero();
            assertThat(v.head()).isEqualTo(AuditLog.GENESIS);
            assertThat(log.head(c)).isEmpty();
            assertThat(log.query(c, AuditLog.Filter.all())).isEmpty();
        }
    }

    @Test
    void concurrentAppendsFormOneUnbrokenChain(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            log.install(c);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                String run = "run-" + t;
                futures.add(pool.submit((Callable<Void>) () -> {
                    try (Connection c = db.connect()) {
                        for (int i = 0; i < 25; i++) {
                            log.append(c, AuditAction.LOCK_WAITED, run, null, ALICE, Map.of("i", i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.count("select count(*) from godwit.audit_log")).isEqualTo(50);
        assertThat(db.count("select max(seq) from godwit.audit_log")).isEqualTo(50);
        assertThat(db.count("select count(distinct run_id) from godwit.audit_log")).isEqualTo(2);
        try (Connection c = db.connect()) {
            Verification v = log.verify(c, Optional.empty());
            assertThat(v.intact()).as(v.toString()).isTrue();
            assertThat(v.entries()).isEqualTo(50);
        }
    }

    @Test
    void theTriggerRejectsUpdateDeleteAndTruncate(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            log.append(c, AuditAction.RUN_STARTED, "run-1", null, ALICE, Map.of());
            log.install(c); // idempotent
            for (String sql : List.of("update godwit.audit_log set ticket = 'x'", "delete from godwit.audit_log",
                    "truncate godwit.audit_log")) {
                assertThatThrownBy(() -> {
                    try (Statement s = c.createStatement()) {
                        s.execute(sql);
                    }
                }).as(sql).isInstanceOf(SQLException.class).hasMessageContaining("godwit.audit_log is append-only");
            }
        }
        assertThat(db.count("select count(*) from godwit.audit_log where ticket = 'CHG-1'")).isOne();
    }

    @Test
    void aRoleThatMayOnlyInsertCanAppendOnceInstalledAndIsRecordedAsItself(TestDatabase db) throws Exception {
        // Roles belong to the whole server, which other tests (and GODWIT_TEST_PG_URL runs) share.
        String role = "deployer_" + Long.toHexString(System.nanoTime());
        try (Connection c = db.connect()) {
            log.install(c);
        }
        db.execute("drop function godwit.audit_log_append_only() cascade", "create role " + role,
                "grant usage on schema godwit to " + role, "grant select, insert on godwit.audit_log to " + role);
        try {
            try (Connection c = db.connect()) {
                log.install(c); // puts back the function and triggers that were dropped
            }
            try (Connection c = db.connect()) {
                try (Statement s = c.createStatement()) {
                    s.execute("set role " + role);
                }
                AuditEntry e = log.append(c, AuditAction.RUN_STARTED, "run-1", null, ALICE, Map.of());
                assertThat(e.dbUser()).isEqualTo(role);
                log.install(c); // nothing missing: nothing that needs ownership is run
                assertThat(log.verify(c, Optional.empty()).intact()).isTrue();
            }
        } finally {
            db.execute("drop owned by " + role, "drop role " + role);
        }
        assertThat(db.count("select count(*) from pg_trigger where tgrelid = 'godwit.audit_log'::regclass"
                + " and tgname like 'audit_log_no_%'")).isEqualTo(2);
        assertThatThrownBy(() -> db.execute("delete from godwit.audit_log"))
                .hasMessageContaining("godwit.audit_log is append-only: DELETE is not allowed");
    }

    @Test
    void aPasswordInAUrlNeverReachesTheLog(TestDatabase db) throws Exception {
        Map<String, Object> details = Map.of("url", "postgres://deploy:s3cret-pw@db:5432/ledger",
                "nested", Map.of("list", List.of("jdbc:postgresql://h/db?user=u&password=s3cret-pw")));
        Actor actor = Actor.detect(Map.of("USER", "alice", "HOSTNAME", "box",
                "BUILD_URL", "https://ci:s3cret-pw@jenkins/job/1"), "https://u:s3cret-pw@tickets/CHG-1", null);
        try (Connection c = db.connect()) {
            AuditEntry e = log.append(c, AuditAction.BACKUP_CREATED, "run-1", null, actor, details);
            assertThat(e.details().get("url")).isEqualTo("postgres://deploy:***@db:5432/ledger");
            assertThat(log.verify(c, Optional.empty()).intact()).isTrue();
        }
        assertThat(db.count("select count(*) from godwit.audit_log where details::text like '%s3cret%'"
                + " or ci::text like '%s3cret%' or ticket like '%s3cret%'")).isZero();
        assertThat(db.count("select count(*) from godwit.audit_log where details::text like '%deploy:***@db%'"
                + " and details::text like '%password=***%' and ci->>'BUILD_URL' = 'https://ci:***@jenkins/job/1'"))
                .isOne();
    }

    @Test
    void queryFiltersBySinceVersionActionAndRunPrefix(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            log.append(c, AuditAction.RUN_STARTED, "abcdef-1", null, ALICE, Map.of());
            log.append(c, AuditAction.MIGRATION_APPLIED, "abcdef-1", "1", ALICE, Map.of());
            log.append(c, AuditAction.MIGRATION_APPLIED, "zzz-2", "2", ALICE, Map.of());
            db.execute("alter table godwit.audit_log disable trigger audit_log_no_update_delete",
                    "update godwit.audit_log set at = at - interval '3 days' where seq = 1");
            java.time.Instant day = java.time.Instant.now().minus(java.time.Duration.ofDays(1));
            assertThat(seqs(log.query(c, AuditLog.Filter.all()))).containsExactly(1L, 2L, 3L);
            assertThat(seqs(log.query(c, new AuditLog.Filter(Optional.of(day), Optional.empty(), Optional.empty(),
                    Optional.empty())))).containsExactly(2L, 3L);
            assertThat(seqs(log.query(c, new AuditLog.Filter(Optional.empty(), Optional.of("2"), Optional.empty(),
                    Optional.empty())))).containsExactly(3L);
            assertThat(seqs(log.query(c, new AuditLog.Filter(Optional.empty(), Optional.empty(),
                    Optional.of("migration_applied"), Optional.of("abc"))))).containsExactly(2L);
        }
    }

    @Test
    void exportWritesCsvAndJsonLines(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            log.append(c, AuditAction.MIGRATION_APPLIED, "run-1", "1", ALICE, Map.of("note", "a, \"quoted\"\nline"));
            log.append(c, AuditAction.RUN_FINISHED, "run-1", null, ALICE, Map.of("ms", 12));
            java.io.StringWriter csv = new java.io.StringWriter();
            log.export(c, AuditLog.Format.CSV, Optional.empty(), csv);
            String[] lines = csv.toString().split("\r\n");
            assertThat(lines[0]).isEqualTo("seq,at,action,run_id,version,os_user,db_user,host,ci,ticket,approver,"
                    + "details,prev_hash,hash");
            assertThat(csv.toString()).contains("\"{\"\"note\"\":\"\"a, \\\"\"quoted\\\"\"\\nline\"\"}\"");
            assertThat(lines[lines.length - 1]).startsWith("2,").contains(",run_finished,run-1,,alice,postgres,box,")
                    .endsWith(log.head(c).orElseThrow());
            java.io.StringWriter jsonl = new java.io.StringWriter();
            log.export(c, AuditLog.Format.JSONL, Optional.empty(), jsonl);
            List<String> rows = jsonl.toString().lines().toList();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(1)).startsWith("{\"seq\":2,\"at\":\"").contains("\"details\":{\"ms\":12}");
            java.io.StringWriter none = new java.io.StringWriter();
            log.export(c, AuditLog.Format.JSONL, Optional.of(java.time.Instant.now().plusSeconds(60)), none);
            assertThat(none.toString()).isEmpty();
        }
    }

    @Test
    void detectTakesTicketAndApproverFromArgumentsThenEnvironment() {
        Map<String, String> env = Map.of("USER", "carol", "HOSTNAME", "ci-7", "GODWIT_TICKET", "CHG-9",
                "GODWIT_APPROVED_BY", "dave", "GITHUB_RUN_ID", "42", "AWS_SECRET_ACCESS_KEY", "nope");
        Actor fromEnv = Actor.detect(env, null, " ");
        assertThat(fromEnv).isEqualTo(new Actor("carol", "ci-7", Map.of("GITHUB_RUN_ID", "42"), "CHG-9", "dave"));
        Actor given = Actor.detect(env, "CHG-1", "erin");
        assertThat(given.ticket()).isEqualTo("CHG-1");
        assertThat(given.approver()).isEqualTo("erin");
        assertThat(Actor.detect(Map.of(), null, null).ticket()).isNull();
    }

    @Test
    void actionWordsRoundTrip() {
        assertThat(AuditAction.MIGRATION_APPLIED.word()).isEqualTo("migration_applied");
        assertThat(AuditAction.fromWord("Lint-Blocked")).contains(AuditAction.LINT_BLOCKED);
        assertThat(AuditAction.fromWord("applied")).isEmpty();
    }

    @Test
    void anEmptyKeyIsRefused() {
        assertThatThrownBy(() -> new AuditLog("godwit", Optional.of(new byte[0])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    private static List<Long> seqs(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::seq).toList();
    }
}
