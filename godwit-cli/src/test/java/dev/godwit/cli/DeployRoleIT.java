package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code godwit init --sql}: the printed script, run once with psql as the superuser, creates Godwit's objects owned
 * by the DBA and grants a deploy role that may not CREATE in the database (nor in Godwit's schema) what migrate
 * needs: DML on Godwit's tables (read and append only on the audit log), CREATE on the snapshot schema.
 */
class DeployRoleIT extends CliTestBase {

    @Test
    void theSetupScriptCreatesGodwitsObjectsAndGrantsTheDeployRoleDmlOnly() throws Exception {
        String role = setUp();
        try {
            String asRole = "postgres://" + role + "@" + db.host() + ":" + db.port() + "/" + db.name();
            for (String[] priv : new String[][] {{"godwit.history", "SELECT,INSERT,UPDATE,DELETE"},
                {"godwit.lock", "SELECT,INSERT,UPDATE,DELETE"}, {"godwit.audit_log", "SELECT,INSERT"},
                {"godwit_snapshots.snapshots", "SELECT,INSERT,UPDATE,DELETE"}}) {
                for (String p : priv[1].split(",")) {
                    assertThat(db.queryValue("select has_table_privilege('" + role + "', '" + priv[0] + "', '" + p
                            + "')")).as(priv[0] + " " + p).isEqualTo(true);
                }
            }
            assertThat(db.queryValue("select has_table_privilege('" + role + "', 'godwit.audit_log', 'UPDATE')"))
                    .isEqualTo(false);
            assertThat(db.queryValue("select has_schema_privilege('" + role + "', 'godwit', 'CREATE')")).isEqualTo(false);
            assertThat(db.queryValue("select has_database_privilege('" + role + "', '" + db.name() + "', 'CREATE')"))
                    .isEqualTo(false);
            assertThat(db.queryValue("select pg_has_role('" + role + "', 'pg_read_all_stats', 'member')")).isEqualTo(true);

            write("V1__accounts.sql", "create table accounts (id bigint primary key);\n");
            GodwitProcess.Result status = godwit.run("status", "--url", asRole);
            assertThat(status.exitCode()).as(status.toString()).isZero();
            assertThat(status.stdout()).contains("pending");
            GodwitProcess.Result verify = godwit.run("audit", "verify", "--url", asRole);
            assertThat(verify.exitCode()).as(verify.toString()).isZero();
        } finally {
            tearDown(role);
        }
    }

    /** With the schema made by the script, the deploy role needs no CREATE at run time. */
    @Test
    void theDeployRoleMigratesADestructiveMigrationWithItsSnapshot() throws Exception {
        String role = setUp();
        try {
            write("V1__accounts.sql", "create table accounts (id bigint primary key, balance numeric(12,2));\n"
                    + "insert into accounts values (1, 10), (2, 20);\n");
            write("V2__close_two.sql", "-- godwit:expect-change accounts.rows -1\n-- godwit:expect-change accounts.balance -20\n"
                    + "delete from accounts where id = 2;\n");
            String asRole = "postgres://" + role + "@" + db.host() + ":" + db.port() + "/" + db.name();
            GodwitProcess.Result migrate = godwit.run("migrate", "--url", asRole);
            assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
            assertThat(migrate.stdout()).contains("kept a copy of 1 row(s)");
            assertThat(db.count("select count(*) from godwit.history where success")).isEqualTo(2);
            GodwitProcess.Result verify = godwit.run("audit", "verify", "--url", asRole);
            assertThat(verify.exitCode()).as(verify.toString()).isZero();
        } finally {
            tearDown(role);
        }
    }

    /** A role that may create only in public (for its migrations), and Godwit's objects made by the script. */
    private String setUp() throws Exception {
        String role = "deployer_" + UUID.randomUUID().toString().substring(0, 8);
        db.execute("create role " + role + " login", "revoke create on database " + db.name() + " from public",
                "grant create, usage on schema public to " + role);
        GodwitProcess.Result init = godwit.run("init", "--sql", "--deploy-role", role);
        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(init.stdout()).contains("CREATE SCHEMA godwit;", "CREATE TABLE godwit.history",
                "CREATE TABLE godwit.audit_log", "CREATE TABLE godwit.lock", "CREATE TABLE godwit_snapshots.snapshots",
                "CREATE TRIGGER audit_log_no_update_delete", "GRANT USAGE ON SCHEMA godwit TO " + role)
                .doesNotContain("\\restrict", "OWNER TO");
        psql(Files.writeString(dir.resolve("godwit-setup.sql"), init.stdout()));
        assertThat(db.count("select count(*) from pg_namespace n join pg_roles r on r.oid = n.nspowner"
                + " where nspname = 'godwit' and rolname = '" + role + "'")).as("the DBA owns it, not the role").isZero();
        return role;
    }

    private void tearDown(String role) {
        db.execute("drop owned by " + role + " cascade", "drop role " + role);
    }

    private void psql(Path script) throws Exception {
        Process p = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db.postgresUrl(), "-f",
                script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

}
