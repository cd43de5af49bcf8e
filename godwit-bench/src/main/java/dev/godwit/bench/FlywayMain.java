package dev.godwit.bench;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * {@code java -cp godwit-bench.jar dev.godwit.bench.FlywayMain JDBC_URL USER DIR [session-lock]}: Flyway 13's
 * {@code migrate} of the migrations in DIR, as a process of its own, so that it is measured as Godwit is (JVM
 * start included). Flyway's defaults otherwise, but for {@code baselineOnMigrate} (from version 0), which a
 * schema that already has tables needs. {@code session-lock} sets {@code postgresql.transactional.lock=false},
 * which Flyway's documentation asks for when a migration runs {@code CREATE INDEX CONCURRENTLY}: with its
 * default transactional lock, the build waits for Flyway's own open transaction, for ever.
 * Exits 0 when it applied, 1 when it failed.
 */
public final class FlywayMain {

    private FlywayMain() {}

    public static void main(String[] args) {
        FluentConfiguration config = Flyway.configure().dataSource(args[0], args[1], null)
                .locations("filesystem:" + args[2]).baselineOnMigrate(true).baselineVersion("0");
        if (args.length > 3 && args[3].equals("session-lock")) {
            config.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        }
        MigrateResult r = config.load().migrate();
        System.out.println("flyway applied " + r.migrationsExecuted + " migrations");
        System.exit(r.success ? 0 : 1);
    }
}
