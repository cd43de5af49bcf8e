package dev.godwit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.audit.Verification.Break;
import dev.godwit.audit.Verification.Break.Kind;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each way of tampering with the log, done as a superuser would: disable the trigger, change rows. Verify must
 * name the right kind and entry.
 */
@ExtendWith(PostgresExtension.class)
class TamperingTest {

    static final Optional<byte[]> KEY = Optional.of("k3y-for-tests".getBytes(StandardCharsets.UTF_8));

    private TestDatabase db;
    private String headOfFive;

    @BeforeEach
    void fiveEntries(TestDatabase db) throws Exception {
        this.db = db;
        headOfFive = fill(new AuditLog("godwit", Optional.empty()));
    }

    private String fill(AuditLog log) throws Exception {
        String head = null;
        try (Connection c = db.connect()) {
            for (int i = 1; i <= 5; i++) {
                head = log.append(c, AuditAction.MIGRATION_APPLIED, "run-1", Integer.toString(i),
                        AuditLogTest.ALICE, Map.of("i", i)).hash();
            }
        }
        db.execute("alter table godwit.audit_log disable trigger audit_log_no_update_delete");
        return head;
    }

    private Verification verify(Optional<byte[]> key, Optional<String> expectHead) throws Exception {
        try (Connection c = db.connect()) {
            return new AuditLog("godwit", key).verify(c, expectHead);
        }
    }

    private Break broken() throws Exception {
        Verification v = verify(Optional.empty(), Optional.empty());
        assertThat(v.intact()).as(v.toString()).isFalse();
        return v.firstBreak().orElseThrow();
    }

    @Test
    void anUntouchedLogIsIntact() throws Exception {
        Verification v = verify(Optional.empty(), Optional.of(headOfFive));
        assertThat(v).isEqualTo(new Verification(true, 5, headOfFive, Optional.empty()));
    }

    @Test
    void anEditedDetailIsEdited() throws Exception {
        db.execute("update godwit.audit_log set details = '{\"i\": 99}' where seq = 3");
        Break b = broken();
        assertThat(b.kind()).isEqualTo(Kind.EDITED);
        assertThat(b.seq()).isEqualTo(3);
        assertThat(b.message()).contains("entry 3 does not match its hash");
    }

    @Test
    void anEditedTimeOrActorIsEdited() throws Exception {
        db.execute("update godwit.audit_log set at = at + interval '1 microsecond' where seq = 4");
        assertThat(broken()).extracting(Break::kind, Break::seq).containsExactly(Kind.EDITED, 4L);
        db.execute("update godwit.audit_log set at = at - interval '1 microsecond' where seq = 4",
                "update godwit.audit_log set os_user = 'mallory' where seq = 2");
        assertThat(broken()).extracting(Break::kind, Break::seq).containsExactly(Kind.EDITED, 2L);
    }

    @Test
    void aDeletedMiddleRowIsDeleted() throws Exception {
        db.execute("delete from godwit.audit_log where seq = 3");
        Break b = broken();
        assertThat(b).extracting(Break::kind, Break::seq).containsExactly(Kind.DELETED, 3L);
        assertThat(b.message()).contains("entry 3 is missing");
    }

    @Test
    void aDeletedFirstRowIsDeleted() throws Exception {
        db.execute("delete from godwit.audit_log where seq = 1");
        assertThat(broken()).extracting(Break::kind, Break::seq).containsExactly(Kind.DELETED, 1L);
    }

    @Test
    void aDeletedRowWithTheRestRenumberedIsDeleted() throws Exception {
        db.execute("delete from godwit.audit_log where seq = 3",
                "update godwit.audit_log set seq = seq + 100 where seq > 3",
                "update godwit.audit_log set seq = seq - 101 where seq > 100");
        assertThat(broken()).extracting(Break::kind, Break::seq).containsExactly(Kind.DELETED, 3L);
    }

    @Test
    void aForgedRowInsertedInTheMiddleIsInserted() throws Exception {
        db.execute("update godwit.audit_log set seq = seq + 100 where seq >= 3",
                "update godwit.audit_log set seq = seq - 99 where seq > 100");
        String prev = (String) db.queryValue("select hash from godwit.audit_log where seq = 2");
        forge(3, prev, true);
        Break b = broken();
        assertThat(b).extracting(Break::kind, Break::seq).containsExactly(Kind.INSERTED, 3L);
        assertThat(b.message()).contains("entry 3 was inserted");
    }

    @Test
    void aForgedRowAtTheEndThatLinksNowhereIsInserted() throws Exception {
        forge(6, "ab".repeat(32), true);
        assertThat(broken()).extracting(Break::kind, Break::seq).containsExactly(Kind.INSERTED, 6L);
    }

    @Test
    void aForgedRowWhoseHashIsWrongIsCaughtAtThatRow() throws Exception {
        db.execute("update godwit.audit_log set seq = seq + 100 where seq >= 3",
                "update godwit.audit_log set seq = seq - 99 where seq > 100");
        forge(3, (String) db.queryValue("select hash from godwit.audit_log where seq = 2"), false);
        assertThat(broken()).extracting(Break::kind, Break::seq).containsExactly(Kind.INSERTED, 3L);
    }

    @Test
    void twoRowsWithSwappedSeqAreReordered() throws Exception {
        db.execute("update godwit.audit_log set seq = -2 where seq = 2",
                "update godwit.audit_log set seq = 2 where seq = 3",
                "update godwit.audit_log set seq = 3 where seq = -2");
        Break b = broken();
        assertThat(b).extracting(Break::kind, Break::seq).containsExactly(Kind.REORDERED, 2L);
        assertThat(b.message()).contains("links to entry 3");
    }

    @Test
    void aCutTailIsCaughtOnlyWithTheExpectedHead() throws Exception {
        db.execute("delete from godwit.audit_log where seq = 5");
        Verification without = verify(Optional.empty(), Optional.empty());
        assertThat(without.intact()).as("a shorter chain is still a chain").isTrue();
        assertThat(without.entries()).isEqualTo(4);

        Verification with = verify(Optional.empty(), Optional.of(headOfFive.toUpperCase()));
        assertThat(with.intact()).isFalse();
        assertThat(with.firstBreak().orElseThrow()).extracting(Break::kind, Break::seq)
                .containsExactly(Kind.CUT_TAIL, 5L);
        assertThat(verify(Optional.empty(), Optional.of(with.head())).intact()).isTrue();
    }

    @Test
    void anExpectedHeadWithEntriesAfterItIsReported() throws Exception {
        String headOfThree = (String) db.queryValue("select hash from godwit.audit_log where seq = 3");
        Verification v = verify(Optional.empty(), Optional.of(headOfThree));
        assertThat(v.firstBreak().orElseThrow()).extracting(Break::kind, Break::seq)
                .containsExactly(Kind.CUT_TAIL, 4L);
        assertThat(v.firstBreak().get().message()).contains("expected head is entry 3", "goes on to entry 5");
    }

    @Test
    void anEmptiedLogIsCaughtWithTheExpectedHead() throws Exception {
        db.execute("alter table godwit.audit_log disable trigger audit_log_no_truncate", "truncate godwit.audit_log");
        assertThat(verify(Optional.empty(), Optional.empty())).isEqualTo(
                new Verification(true, 0, AuditLog.GENESIS, Optional.empty()));
        assertThat(verify(Optional.empty(), Optional.of(headOfFive)).firstBreak().orElseThrow().kind())
                .isEqualTo(Kind.CUT_TAIL);
        db.execute("drop table godwit.audit_log");
        assertThat(verify(Optional.empty(), Optional.of(headOfFive)).intact()).isFalse();
    }

    @Test
    void withoutAKeyAFullyRehashedChainPassesAndOnlyTheKeptHeadCatchesIt() throws Exception {
        db.execute("update godwit.audit_log set details = '{\"i\": 99}' where seq = 3");
        rehashFrom(1);
        assertThat(verify(Optional.empty(), Optional.empty()).intact()).isTrue();
        assertThat(verify(Optional.empty(), Optional.of(headOfFive)).firstBreak().orElseThrow().kind())
                .isEqualTo(Kind.CUT_TAIL);
    }

    @Test
    void withAKeyAnEditRehashedWithPlainShaIsCaught() throws Exception {
        keyedLog();
        db.execute("update godwit.audit_log set details = '{\"i\": 99}' where seq = 3");
        rehashFrom(3);
        Verification v = verify(KEY, Optional.empty());
        assertThat(v.firstBreak().orElseThrow()).extracting(Break::kind, Break::seq)
                .containsExactly(Kind.EDITED, 3L);
        assertThat(v.firstBreak().get().message()).contains("re-hashed by someone without GODWIT_AUDIT_KEY");
    }

    @Test
    void withAKeyAChainRehashedFromTheStartIsKey() throws Exception {
        keyedLog();
        db.execute("update godwit.audit_log set details = '{\"i\": 99}' where seq = 3");
        rehashFrom(1);
        Break b = verify(KEY, Optional.empty()).firstBreak().orElseThrow();
        assertThat(b).extracting(Break::kind, Break::seq).containsExactly(Kind.KEY, 1L);
        assertThat(b.message()).contains("wrong or missing GODWIT_AUDIT_KEY");
    }

    @Test
    void aWrongOrMissingKeyIsKey() throws Exception {
        keyedLog();
        assertThat(verify(KEY, Optional.empty()).intact()).isTrue();
        Optional<byte[]> wrong = Optional.of("another".getBytes(StandardCharsets.UTF_8));
        for (Optional<byte[]> key : java.util.List.of(wrong, Optional.<byte[]>empty())) {
            Break b = verify(key, Optional.empty()).firstBreak().orElseThrow();
            assertThat(b).extracting(Break::kind, Break::seq).containsExactly(Kind.KEY, 1L);
            assertThat(b.message()).contains("wrong or missing GODWIT_AUDIT_KEY");
        }
    }

    @Test
    void aPlainLogVerifiedWithAKeyIsKey() throws Exception {
        Break b = verify(KEY, Optional.empty()).firstBreak().orElseThrow();
        assertThat(b.kind()).isEqualTo(Kind.KEY);
        assertThat(b.message()).contains("plain SHA-256");
    }

    private void keyedLog() throws Exception {
        db.execute("drop table godwit.audit_log");
        headOfFive = fill(new AuditLog("godwit", KEY));
    }

    /** Inserts a row at {@code seq} linking to {@code prev}, hashed as an attacker without a key would. */
    private void forge(long seq, String prev, boolean consistentHash) throws Exception {
        OffsetDateTime at = OffsetDateTime.parse("2026-01-01T00:00:00.000001Z");
        String canonical = Canonical.row(seq, at.toInstant(), "migration_applied", "run-x", "9", "mallory",
                "postgres", "box", "{}", null, null, "{}");
        String hash = consistentHash ? Chain.plain(prev, canonical) : "cd".repeat(32);
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("insert into godwit.audit_log"
                + " values (?, ?, 'migration_applied', 'run-x', '9', 'mallory', 'postgres', 'box', '{}', null, null,"
                + " '{}', ?, ?)")) {
            ps.setLong(1, seq);
            ps.setObject(2, at);
            ps.setString(3, prev);
            ps.setString(4, hash);
            ps.executeUpdate();
        }
    }

    /** Recomputes prev_hash and hash with plain SHA-256 from entry {@code from} on, as an attacker would. */
    private void rehashFrom(long from) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select " + AuditRows.COLUMNS + " from godwit.audit_log order by seq")) {
            String prev = AuditLog.GENESIS;
            while (rs.next()) {
                AuditRows.Read r = AuditRows.read(rs);
                long seq = r.entry().seq();
                if (seq >= from) {
                    String hash = Chain.plain(prev, r.canonical());
                    try (PreparedStatement ps = c.prepareStatement(
                            "update godwit.audit_log set prev_hash = ?, hash = ? where seq = ?")) {
                        ps.setString(1, prev);
                        ps.setString(2, hash);
                        ps.setLong(3, seq);
                        ps.executeUpdate();
                    }
                    prev = hash;
                } else {
                    prev = r.entry().hash();
                }
            }
        }
    }
}
