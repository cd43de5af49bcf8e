package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Messages that must be true in the state they are printed in (issue 20, item 7). */
class OperatorMessagesIT extends CliTestBase {

    @Test
    void aRefusedRollbackSaysNothingWasRevertedAndPointsToNoBackupThatMayNotExist() {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);\n");
        assertThat(run("migrate").exitCode()).isZero();
        GodwitProcess.Result r = run("rollback");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.VALIDATION);
        assertThat(r.stderr()).contains("nothing was reverted").doesNotContain("nothing was applied")
                .contains("if there is one (`godwit backup list`)");
    }

    @Test
    void rollbackToAVersionAboveTheCurrentOneSaysSo() {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);\n");
        write("U1__accounts.sql", "drop table accounts;\n");
        assertThat(run("migrate").exitCode()).isZero();
        GodwitProcess.Result r = run("rollback", "--to", "7");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.VALIDATION);
        assertThat(r.stderr()).contains("--to 7 is above the current version 1");
        assertThat(db.tableExists("public.accounts")).isTrue();
    }

    @Test
    void aSnapshotRolledBackWithItsMigrationIsSaidToBeGone() {
        write("V1__accounts.sql", "create table accounts (id bigint primary key);\ninsert into accounts values (1), (2);\n");
        assertThat(run("migrate").exitCode()).isZero();
        write("V2__close.sql", "-- godwit:expect-change accounts.rows -1\ndelete from accounts where id = 1;\n"
                + "select 1 / 0;\n");
        GodwitProcess.Result r = run("migrate");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.stdout()).contains("kept a copy of 1 row(s)").contains("was rolled back with the migration");
        assertThat(db.count("select count(*) from accounts")).isEqualTo(2);
    }

    @Test
    void afterARollbackRunThatRevertedEverythingNoRestoreIsOffered() throws Exception {
        config("[backup]\nbefore_migrate = true\n[safety]\non_failure = \"rollback-run\"\n");
        write("V1__accounts.sql", "create table accounts (id bigint primary key);\n");
        write("U1__accounts.sql", "drop table accounts;\n");
        write("V2__broken.sql", "select 1 / 0;\n");
        GodwitProcess.Result r = run("migrate");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.stderr()).contains("rolled back what this run applied before it: U1 accounts")
                .doesNotContain("backup restore");
        try (var backups = java.nio.file.Files.list(dir.resolve("backups"))) {
            assertThat(backups.count()).as("a backup was taken, so the advice could have been printed").isPositive();
        }
        assertThat(db.tableExists("public.accounts")).isFalse();
    }

    @Test
    void anUnknownCommandIsNamedWithTheNearestOne() {
        GodwitProcess.Result r = godwit.run("migrat");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr()).contains("'migrat' is not a godwit command; did you mean 'migrate'?")
                .doesNotContain("Unmatched argument");
    }

    @Test
    void theExitCodesInHelpAreOnePerLine() {
        GodwitProcess.Result r = godwit.run("--help");
        assertThat(r.stdout()).contains("\n  4 validation\n").contains("\n  8 database not ready\n");
    }

    /** Issue 20 item 10: the head users are told to keep is printed even when the report cannot be written. */
    @Test
    void theAuditHeadIsPrintedWhenTheReportCannotBeWritten() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("reports"), "a file where the reports folder should be");
        write("V1__accounts.sql", "create table accounts (id bigint primary key);\n");
        GodwitProcess.Result r = run("migrate");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Audit log head: ").doesNotContain("Report: ");
        assertThat(r.stderr()).contains("could not write the run report");
    }
}
