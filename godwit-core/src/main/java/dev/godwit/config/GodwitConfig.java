package dev.godwit.config;

import dev.godwit.config.CheckSettings;
import dev.godwit.db.ConnectionSettings;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The resolved configuration for one run: every layer (command line, environment variables, the chosen
 * environment section, the file, defaults) already applied. Immutable; safe to print (the connection
 * prints without its password).
 *
 * @param configFile  the file that was read, if any (absolute)
 * @param environment the {@code [environments.NAME]} section that was applied, if any
 * @param schema      where Godwit keeps its own tables (history, lock, audit log)
 * @param locations   where migrations are read from: folders (absolute) and class path packages
 * @param safety      {@code [safety]}: on_failure, snapshots
 * @param audit       {@code [audit]}: separation of duties
 * @param reportDir   {@code [report] dir}, absolute: where run reports go
 * @param lint        {@code [lint]}: rules, risks, money names, the gate
 * @param backup      {@code [backup]}: where backups go and when they are taken
 * @param checks      {@code [checks]}: data invariants and integrity checks
 * @param preflight   {@code [preflight]}: readiness checks before migrate, and their thresholds
 * @param format      {@code [migrations] format}: how the migration files are laid out (goose, Diesel, …)
 * @param around      {@code [[hooks]]} and {@code [[notify]]}: what runs around a run (docs/hooks.md)
 */
public record GodwitConfig(Optional<Path> configFile, Optional<String> environment, ConnectionSettings connection,
        String schema, List<dev.godwit.migration.Location> locations, Map<String, String> placeholders, MigrateSettings migrate,
        SafetySettings safety, AuditSettings audit, Path reportDir, LintSettings lint, BackupSettings backup,
        CheckSettings checks, dev.godwit.config.PreflightSettings preflight,
        dev.godwit.migration.MigrationFormat format, AroundSettings around, BackfillSettings backfill) {

    public static final String DEFAULT_SCHEMA = "godwit";

    public GodwitConfig {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(migrate, "migrate");
        Objects.requireNonNull(safety, "safety");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(reportDir, "reportDir");
        Objects.requireNonNull(lint, "lint");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(preflight, "preflight");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(around, "around");
        Objects.requireNonNull(backfill, "backfill");
        locations = List.copyOf(locations);
        placeholders = Collections.unmodifiableMap(new LinkedHashMap<>(placeholders));
    }

    /** Without {@code [backfill]} settings: no canary query. */
    public GodwitConfig(Optional<Path> configFile, Optional<String> environment, ConnectionSettings connection,
            String schema, List<dev.godwit.migration.Location> locations, Map<String, String> placeholders,
            MigrateSettings migrate, SafetySettings safety, AuditSettings audit, Path reportDir, LintSettings lint,
            BackupSettings backup, CheckSettings checks, dev.godwit.config.PreflightSettings preflight,
            dev.godwit.migration.MigrationFormat format, AroundSettings around) {
        this(configFile, environment, connection, schema, locations, placeholders, migrate, safety, audit, reportDir,
                lint, backup, checks, preflight, format, around, BackfillSettings.defaults());
    }

    /** Without hooks or webhooks. */
    public GodwitConfig(Optional<Path> configFile, Optional<String> environment, ConnectionSettings connection,
            String schema, List<dev.godwit.migration.Location> locations, Map<String, String> placeholders,
            MigrateSettings migrate, SafetySettings safety, AuditSettings audit, Path reportDir, LintSettings lint,
            BackupSettings backup, CheckSettings checks, dev.godwit.config.PreflightSettings preflight,
            dev.godwit.migration.MigrationFormat format) {
        this(configFile, environment, connection, schema, locations, placeholders, migrate, safety, audit, reportDir,
                lint, backup, checks, preflight, format, AroundSettings.none());
    }

    /** Without {@code [migrations] format}: each file read by what it is ({@code auto}). */
    public GodwitConfig(Optional<Path> configFile, Optional<String> environment, ConnectionSettings connection,
            String schema, List<dev.godwit.migration.Location> locations, Map<String, String> placeholders,
            MigrateSettings migrate, SafetySettings safety, AuditSettings audit, Path reportDir, LintSettings lint,
            BackupSettings backup, CheckSettings checks, dev.godwit.config.PreflightSettings preflight) {
        this(configFile, environment, connection, schema, locations, placeholders, migrate, safety, audit, reportDir,
                lint, backup, checks, preflight, dev.godwit.migration.MigrationFormat.AUTO);
    }

    /** The locations that are folders: what `lint` and `init` work on. */
    public List<Path> folders() {
        return locations.stream().filter(l -> l instanceof dev.godwit.migration.Location.Folder)
                .map(l -> ((dev.godwit.migration.Location.Folder) l).dir()).toList();
    }
}
