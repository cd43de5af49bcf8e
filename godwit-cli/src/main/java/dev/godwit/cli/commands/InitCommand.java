package dev.godwit.cli.commands;

import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", description = "Write a commented godwit.toml and an empty db/migrations/ folder; with --sql,"
        + " print instead the SQL a DBA runs once to create Godwit's schema and grant a deploy role what it needs.")
public final class InitCommand extends BaseCommand {

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write them (default: the working directory).")
    Path dir = Path.of("");

    @Option(names = "--sql", description = "Print the SQL that creates Godwit's schemas and tables and grants"
            + " --deploy-role what migrate needs at run time (for a role that may not CREATE); writes no file.")
    boolean sql;

    @Option(names = "--deploy-role", paramLabel = "ROLE", description = "With --sql: the role to grant (default: the"
            + " user of the configured database URL).")
    String deployRole;

    @Override
    public Integer call() throws IOException {
        if (sql) {
            return printSetupScript();
        }
        if (deployRole != null) {
            throw new CliFailure(ExitCodes.USAGE, "--deploy-role goes with --sql");
        }
        Path root = dir.toAbsolutePath();
        Path config = root.resolve("godwit.toml");
        if (Files.exists(config)) {
            throw new CliFailure(ExitCodes.USAGE, config + " already exists; Godwit does not overwrite it");
        }
        Files.createDirectories(root.resolve("db/migrations"));
        String url = global().url() == null ? "postgres://app@localhost:5432/app" : global().url();
        Files.writeString(config, template(url));
        if (out().json()) {
            out().result(java.util.Map.of("config", config.toString(),
                    "migrations", root.resolve("db/migrations").toString()));
        } else {
            out().line("Wrote " + config + " and " + root.resolve("db/migrations") + "/");
            out().line("Next: add db/migrations/V1__create_accounts.sql, then `godwit plan` and `godwit migrate`.");
        }
        return ExitCodes.OK;
    }

    private int printSetupScript() {
        dev.godwit.cli.Session s = session();
        String role = deployRole != null ? deployRole : s.config().connection().user();
        if (role == null || role.isBlank()) {
            throw new CliFailure(ExitCodes.USAGE, "name the role to grant: --deploy-role ROLE");
        }
        String script = SetupScript.generate(s.config().schema(), role);
        if (out().json()) {
            out().result(java.util.Map.of("schema", s.config().schema(), "deployRole", role, "sql", script));
        } else {
            spec.commandLine().getOut().print(script);
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }

    static String template(String url) {
        return """
                # Godwit configuration. Precedence: command line > environment variables >
                # [environments.NAME] (chosen with --env NAME) > this file's sections > defaults.

                [database]
                # postgres:// or jdbc:postgresql:// URL. Keep passwords out of this file: use
                # PGPASSWORD, ~/.pgpass, or GODWIT_DATABASE_URL / DATABASE_URL in the environment.
                url = "%s"
                # Schema for Godwit's own tables (history, lock).
                schema = "godwit"

                [migrations]
                # Folders of migration files, relative to this file.
                locations = ["db/migrations"]
                # lock_timeout for every statement; a file can override it with -- godwit:lock-timeout 5s
                lock_timeout = "1s"
                # statement_timeout for every statement ("0" = none); per file: -- godwit:statement-timeout 1h
                statement_timeout = "0"
                # How often a migration is tried when its locks are not free, and the backoff between tries.
                max_attempts = 10
                retry_base_delay = "200ms"
                retry_max_delay = "10s"
                # How long a second `godwit migrate` waits for the migration lock before exit 3.
                lock_wait = "5m"
                # Refuse pending migrations older than the newest applied one (true allows them).
                out_of_order = false
                # `godwit clean` drops every schema; keep it disabled outside development.
                clean_disabled = true

                [placeholders]
                # ${name} in migration files is replaced by its value here.
                # app_role = "app"

                # [environments.production.database]
                # url = "postgres://deploy@db.internal:5432/ledger?sslmode=verify-full"
                """.formatted(url.replace("\\", "\\\\").replace("\"", "\\\""));
    }
}
