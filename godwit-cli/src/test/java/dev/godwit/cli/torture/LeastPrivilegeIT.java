package dev.godwit.cli.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.cli.GodwitProcess;
import dev.godwit.testing.TestDatabase;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A deploy role with USAGE on Godwit's schema and DML on its tables (and what its migrations need), but no CREATE
 * on the database or Godwit's schema: once the schema exists, it can migrate and roll back. A privilege taken away
 * ends the run with the GRANT that is missing and exit 2, and nothing applied.
 */
class LeastPrivilegeIT extends TortureBase {

    private static final AtomicInteger ROLES = new AtomicInteger();

    @Test
    void aDeployRoleWithUsageAndDmlMigratesAndAMissingGrantIsNamedWithExit2() throws Exception {
        config("[lint]\ngate = false\n");
        Files.writeString(migrations().resolve("V1__a.sql"), "create table a (id int);\n");
        GodwitProcess.Result owner = run("migrate");
        assertThat(owner.exitCode()).as(owner.toString()).isZero();

        String role = "torture_deploy_" + ProcessHandle.current().pid() + "_" + ROLES.incrementAndGet();
        TestDatabase su = TortureServer.asSuperuser(db);
        su.execute("create role " + role + " login password '" + Secrets.PASSWORD + "'",
                "grant usage on schema godwit to " + role,
                "grant select, insert, update, delete on godwit.history, godwit.lock, godwit.applied to " + role,
                "grant select, insert on godwit.audit_log to " + role,
                "grant usage, create on schema public to " + role);
        String deploy = "postgres://" + role + ":" + Secrets.PASSWORD + "@localhost:" + db.port() + "/" + db.name();
        Files.writeString(migrations().resolve("V2__b.sql"), "create table b (id int);\n");
        Files.writeString(migrations().resolve("U2__b.sql"), "drop table b;\n");

        GodwitProcess.Result migrated = record(godwit.run("migrate", "--url", deploy));
        assertThat(migrated.exitCode()).as(migrated.toString()).isZero();
        GodwitProcess.Result rolledBack = record(godwit.run("rollback", "--url", deploy));
        assertThat(rolledBack.exitCode()).as(rolledBack.toString()).isZero();
        assertThat(db.tableExists("public.b")).isFalse();

        su.execute("revoke update, delete on godwit.lock from " + role);
        GodwitProcess.Result refused = record(godwit.run("migrate", "--url", deploy));
        TortureSummary.count("faults injected: a deploy role without a grant");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.stderr()).as(refused.toString()).contains("nothing was applied", "permission denied for table lock",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON godwit.lock TO " + role, "Grants for a deploy role");
        assertThat(db.tableExists("public.b")).isFalse();
        Faults.assertNothingLeft(db, "create table b", refused.toString());
        su.execute("drop owned by " + role, "drop role " + role);
        TortureSummary.count("trials: least privilege");
    }
}
