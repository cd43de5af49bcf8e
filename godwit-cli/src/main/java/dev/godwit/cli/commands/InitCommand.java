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
        Path ignore = root.resolve(".gitignore");
        boolean ignoreWritten = writeIgnore(ignore);
        if (out().json()) {
            out().result(java.util.Map.of("config", config.toString(),
                    "migrations", root.resolve("db/migrations").toString()));
        } else {
            out().line("Wrote " + config + " and " + root.resolve("db/migrations") + "/"
                    + (ignoreWritten ? ", and " + ignore + " (backups/ and reports/ stay out of git)" : ""));
            out().line("Next: add db/migrations/V1__create_accounts.sql, then `godwit plan` and `godwit migrate`.");
        }
        return ExitCodes.OK;
    }

    /** Backups are full copies of the data and reports name hosts and people: neither belongs in a repository. */
    static final String IGNORED = "backups/\nreports/\n";

    /** Adds the lines to an existing .gitignore that lacks them, or writes one; whether anything was written. */
    private static boolean writeIgnore(Path ignore) throws IOException {
        if (!Files.exists(ignore)) {
            Files.writeString(ignore, "# Godwit: backups hold full copies of the data; reports name hosts and people.\n"
                    + IGNORED);
            return true;
        }
        String text = Files.readString(ignore);
        StringBuilder add = new StringBuilder();
        for (String line : IGNORED.split("\n")) {
            if (text.lines().noneMatch(l -> l.strip().equals(line) || l.strip().equals("/" + line))) {
                add.append(line).append('\n');
            }
        }
        if (add.length() == 0) {
            return false;
        }
        Files.writeString(ignore, (text.endsWith("\n") || text.isEmpty() ? "" : "\n") + add,
                java.nio.file.StandardOpenOption.APPEND);
        return true;
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

                # Every section below shows its defaults, commented out; uncomment a line to change it.
                # docs/configuration.md lists every key.

                [safety]
                # on_failure = "rollback-run"     # revert this run's earlier migrations when one fails ("stop": leave them)
                # snapshot = "auto"               # copy data a statement destroys first ("always", "never")
                # snapshot_row_limit = 100000     # with auto: larger copies are skipped, and the output says so

                [audit]
                # require_ticket = false          # true: changes need --ticket (usually set for production only)
                # require_distinct_approver = false

                [report]
                # dir = "reports"                 # run reports; kept out of git by .gitignore

                [lint]
                # max_risk = "high"               # migrate refuses, and lint fails, from this risk up
                # gate = true
                # grade_by_size = true            # plan/migrate grade a scan or rewrite by the table's size
                # disable = []
                # money_patterns = ["*amount*", "*balance*", "*price*", "*total*", "*fee*", "*cost*"]

                [backup]
                # dir = "backups"                 # full copies of the data: kept out of git by .gitignore
                # before_migrate = false          # true by default in the environment named production
                # key_file = "/etc/godwit/backup.key"   # or GODWIT_BACKUP_KEY; encrypts every backup
                # encryption = "auto"             # auto: no plaintext backup of production; "required"; "none"
                # keep_last = 0                   # 0: keep all
                # max_age = "0s"
                # jobs = 1

                [checks]
                # money_scale = 2
                # large_table_rows = 1000000
                # nonnegative = ["accounts.balance"]

                [preflight]
                # connections_warn_percent = 80
                # connections_fail_percent = 95
                # lock_holder_fail = "5s"
                # long_transaction_fail = "1h"

                # [environments.production.database]
                # url = "postgres://deploy@db.internal:5432/ledger?sslmode=verify-full"
                # [environments.production.audit]
                # require_ticket = true
                """.formatted(url.replace("\\", "\\\\").replace("\"", "\\\""));
    }
}
