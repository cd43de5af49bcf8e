package dev.godwit.bench;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * {@code java -cp godwit-bench.jar dev.godwit.bench.FlywayMain JDBC_URL USER DIR}: Flyway 13's {@code migrate}
 * of the migrations in DIR, as a process of its own, so that it is measured as Godwit is (JVM start included).
 * Flyway's defaults otherwise. Exits 0 when it applied, 1 when it failed.
 */
public final class FlywayMain {

    private FlywayMain() {}

    public static void main(String[] args) {
        MigrateResult r = Flyway.configure().dataSource(args[0], args[1], null)
                .locations("filesystem:" + args[2]).load().migrate();
        System.out.println("flyway applied " + r.migrationsExecuted + " migrations");
        System.exit(r.success ? 0 : 1);
    }
}
