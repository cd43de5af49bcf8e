package dev.godwit.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.cli.GodwitProcess;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Someone changes what was applied behind Godwit's back: an applied file, a history row, the audit log (edited,
 * deleted, reordered, inserted rows, with the append-only trigger disabled first, as an attacker with the
 * owner's rights would). Each is detected with the README's exit code: 4 for {@code validate} / {@code migrate}
 * and for a broken chain in {@code audit verify}; nothing is applied meanwhile.
 */
class TamperingIT extends TortureBase {

    @BeforeEach
    void threeAppliedMigrations() throws IOException {
        write("V1__accounts.sql", "create table accounts (id bigint primary key, balance numeric(12,2) not null);\n"
                + "insert into accounts select g, g from generate_series(1, 50) g;\n");
        write("V2__owners.sql", "alter table accounts add column owner text;\n");
        write("V3__audit_me.sql", "create index accounts_owner on accounts (owner);\n");
        GodwitProcess.Result r = run("migrate");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        GodwitProcess.Result intact = run("audit", "verify");
        assertThat(intact.exitCode()).as(intact.toString()).isZero();
        assertThat(db.count("select count(*) from godwit.audit_log")).isGreaterThanOrEqualTo(5);
    }

    @Test
    void anEditedAppliedFileIsRefusedByValidateAndMigrate() throws IOException {
        write("V2__owners.sql", "alter table accounts add column owner text not null default 'bank';\n");
        write("V4__next.sql", "create table next (id int);\n");

        GodwitProcess.Result validate = run("validate");
        GodwitProcess.Result migrate = run("migrate");

        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(4);
        assertThat(validate.all()).contains("V2__owners.sql", "was changed after it was applied");
        assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(4);
        assertThat(db.tableExists("public.next")).as("nothing applied after the edit was found").isFalse();
        TortureSummary.count("faults injected: tampering (detected)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "checksum edited   | update godwit.history set checksum = repeat('0', 64) where version = '2' | was changed after it was applied",
        "marked failed     | update godwit.history set success = false where version = '2'           | failed",
        "version changed   | update godwit.history set version = '2.5' where version = '2'            | 2.5",
        "row deleted       | delete from godwit.history where version = '2'                           | V2",
    })
    void anEditedHistoryRowIsDetected(String name, String sql, String message) {
        db.execute(sql);
        write("V4__next.sql", "create table next (id int);\n");

        GodwitProcess.Result validate = run("validate");
        GodwitProcess.Result migrate = run("migrate");

        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(4);
        assertThat(validate.all()).contains(message);
        assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(4);
        assertThat(db.tableExists("public.next")).isFalse();
        TortureSummary.count("faults injected: tampering (detected)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "edited      | update godwit.audit_log set db_user = 'mallory' where seq = 3",
        "deleted     | delete from godwit.audit_log where seq = 3",
        "reordered   | update godwit.audit_log set seq = -seq where seq in (2, 3); update godwit.audit_log set seq = 3 where seq = -2; update godwit.audit_log set seq = 2 where seq = -3",
        "inserted    | insert into godwit.audit_log select seq + 1000, at, action, run_id, version, os_user, db_user, host, ci, ticket, approver, details, hash, hash from godwit.audit_log where seq = (select max(seq) from godwit.audit_log)",
        "tail cut    | delete from godwit.audit_log where seq = (select max(seq) from godwit.audit_log)",
    })
    void aTamperedAuditLogIsDetected(String name, String sql) {
        String head = run("audit", "verify").stdout().replaceAll("(?s).*head ([0-9a-f]{64}).*", "$1");
        db.execute("alter table godwit.audit_log disable trigger audit_log_no_update_delete");
        for (String statement : sql.split(";")) {
            db.execute(statement);
        }

        GodwitProcess.Result verify = run("audit", "verify", "--expect-head", head);

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(4);
        assertThat(verify.stdout()).as(verify.toString()).contains("BROKEN");
        TortureSummary.count("faults injected: tampering (detected)");
    }

    @Test
    void theAuditLogRefusesEditsWhileItsTriggerIsOn() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> db.execute("update godwit.audit_log set db_user = 'mallory' where seq = 1")))
                .hasMessageContaining("append-only");
    }

    private void write(String name, String sql) {
        try {
            Files.writeString(migrations().resolve(name), sql);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
