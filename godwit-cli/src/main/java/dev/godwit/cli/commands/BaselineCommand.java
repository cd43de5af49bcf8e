package dev.godwit.cli.commands;

import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
import dev.godwit.history.Baseline;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.Version;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "baseline", description = "Adopt an existing database: record a baseline version (migrations at"
        + " or below it never run), or import another tool's history with --from TOOL (flyway, goose, golang-migrate,"
        + " dbmate, sqlx, diesel, atlas, liquibase) or --from-flyway. Refused when the history is not empty.")
public final class BaselineCommand extends BaseCommand {

    @Option(names = "--version", paramLabel = "VERSION", description = "The version the database is already at.")
    String version;

    @Option(names = "--description", description = "Description of the baseline row (default: baseline).")
    String description = "baseline";

    @Option(names = "--from-flyway", description = "Import flyway_schema_history instead, checking each applied"
            + " file against Flyway's checksum.")
    boolean fromFlyway;

    @Option(names = "--from", paramLabel = "TOOL", description = "Import this tool's history table: flyway, goose,"
            + " golang-migrate, dbmate, sqlx, diesel, atlas or liquibase, checking each applied file against the tool's checksum where"
            + " it keeps one.")
    String from;

    @Option(names = "--table", paramLabel = "[SCHEMA.]TABLE", description = "The tool's history table (default:"
            + " the tool's own, on the search_path: goose_db_version, schema_migrations, _sqlx_migrations,"
            + " __diesel_schema_migrations, flyway_schema_history).")
    String table;

    @Option(names = "--flyway-table", paramLabel = "[SCHEMA.]TABLE",
            description = "Flyway's history table (default: flyway_schema_history on the search_path).")
    String flywayTable = "flyway_schema_history";

    @Override
    public Integer call() throws SQLException, InterruptedException {
        if (fromFlyway && from == null) {
            from = "flyway";
            table = table == null ? flywayTable : table;
        }
        if ((from != null) == (version != null) || fromFlyway && !from.equals("flyway")) {
            throw new CliFailure(ExitCodes.USAGE, "give either --version VERSION or --from-flyway (or --from TOOL: goose, golang-migrate, dbmate, sqlx, diesel, atlas, liquibase)");
        }
        if (version != null && !Version.isValid(version)) {
            throw new CliFailure(ExitCodes.USAGE, "--version must be a version such as 3 or 1.2.3, not '" + version + "'");
        }
        Session s = session();
        Baseline.Result r = from != null ? s.godwit().baselineFrom(from, Optional.ofNullable(table))
                : s.godwit().baseline(Version.parse(version), description);
        if (out().json()) {
            Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
            doc.put("rows", r.written().stream().map(AppliedMigration::label).toList());
            out().result(doc);
        } else {
            out().line((from != null ? "Imported " + r.written().size() + " row(s) from " + from + (table == null ? "" : " (" + table + ")")
                    : "Baselined at version " + version) + " in " + s.config().schema() + ".history:");
            r.written().forEach(row -> out().line("  " + row.label() + "  (" + row.script() + ")"));
        }
        return ExitCodes.OK;
    }
}
