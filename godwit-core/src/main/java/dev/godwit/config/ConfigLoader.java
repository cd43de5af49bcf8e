package dev.godwit.config;

import dev.godwit.base.Durations;

import dev.godwit.base.Suggestions;

import dev.godwit.config.InvariantSpec;
import dev.godwit.config.Expectation;
import dev.godwit.config.ColumnRef;
import dev.godwit.config.CheckSettings;
import dev.godwit.db.ConnectionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the configuration for one run. Per value, the first layer that sets it wins: command line,
 * environment variables, the chosen {@code [environments.NAME]} section, the file's top-level sections,
 * defaults. Every failure is a {@link ConfigException} naming the flag, variable or key (and file).
 */
public final class ConfigLoader {

    public static final String FILE_NAME = "godwit.toml";
    public static final String DEFAULT_LOCATION = "db/migrations";

    private ConfigLoader() {}

    public static GodwitConfig load(CliOverrides cli, Map<String, String> env, Path workingDir, Path home)
            throws ConfigException {
        return load(cli, env, workingDir, home, ConfigLayer.empty());
    }

    /** The same with settings given in code over the file (the Java API's builder). */
    public static GodwitConfig load(CliOverrides cli, Map<String, String> env, Path workingDir, Path home,
                                    ConfigLayer layer) throws ConfigException {
        Path cwd = workingDir.toAbsolutePath().normalize();
        Optional<Path> path = locate(cli, env, cwd);
        if (!layer.implicitFile() && cli.configFile().isEmpty() && !env.containsKey("GODWIT_CONFIG")) {
            path = Optional.empty();
        }
        ConfigFile file = TomlReader.read(path, layer);
        Optional<String> environment = environment(cli, env, file);

        DatabaseSection db = file.merged(DatabaseSection.class, environment);
        MigrationsSection mig = file.merged(MigrationsSection.class, environment);
        PlaceholdersSection ph = file.merged(PlaceholdersSection.class, environment);
        SafetySection safety = file.merged(SafetySection.class, environment);
        AuditSection audit = file.merged(AuditSection.class, environment);
        ReportSection report = file.merged(ReportSection.class, environment);
        LintSection lint = file.merged(LintSection.class, environment);
        BackupSection backup = file.merged(BackupSection.class, environment);
        ChecksSection checks = file.merged(ChecksSection.class, environment);

        ConnectionSettings connection = connection(cli, env, home, file, environment);
        String schema = schema(cli, env, db);
        List<dev.godwit.migration.Location> locations = locations(cli, env, cwd, file, mig);
        MigrateSettings migrate = MigrateLayers.resolve(cli, env, mig);
        Map<String, String> placeholders = ph == null ? Map.of() : new LinkedHashMap<>(ph.values());
        Path base = path.map(p -> p.toAbsolutePath().getParent()).orElse(cwd);
        Path reportDir = base.resolve(report == null || report.dir() == null ? "reports" : report.dir().trim())
                .toAbsolutePath().normalize();
        AuditSettings auditSettings = audit == null ? AuditSettings.defaults() : new AuditSettings(
                Boolean.TRUE.equals(audit.requireTicket()), Boolean.TRUE.equals(audit.requireDistinctApprover()));
        CheckSettings checkSettings = checks(checks, path.map(p -> p.getFileName().toString()).orElse(FILE_NAME));
        return new GodwitConfig(path, environment, connection, schema, locations, placeholders, migrate,
                safety(safety), auditSettings, reportDir, lint(lint).withRelaxed(checkSettings.relaxed()),
                backup(backup, environment, base, env), checkSettings,
                PreflightSection.resolve(file.merged(PreflightSection.class, environment), environment),
                mig == null || mig.format() == null ? dev.godwit.migration.MigrationFormat.AUTO
                        : dev.godwit.migration.MigrationFormat.parse(mig.format()).orElseThrow(),
                new AroundSettings(HooksSection.resolve(file.merged(HooksSection.class, environment), base,
                        path.map(p -> p.getFileName().toString()).orElse("configure()")),
                        NotifySection.resolve(file.merged(NotifySection.class, environment), env)),
                BackfillSection.resolve(file.merged(BackfillSection.class, environment)));
    }

    /**
     * {@code [backup]} over the defaults: paths relative to the config file's folder, before_migrate on by
     * default in an environment named production, the key from GODWIT_BACKUP_KEY (which wins) or key_file.
     */
    static BackupSettings backup(BackupSection s, Optional<String> environment, Path base, Map<String, String> env)
            throws ConfigException {
        BackupSection b = s != null ? s : BackupSection.empty();
        Optional<BackupKey> key;
        try {
            String var = env.get(BackupKey.VARIABLE);
            key = var != null ? Optional.of(BackupKey.parse(var, BackupKey.VARIABLE)) : Optional.ofNullable(b.keyFile())
                    .map(f -> BackupKey.fromFile(base.resolve(f.trim()).toAbsolutePath().normalize()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        return new BackupSettings(base.resolve(b.dir() == null ? "backups" : b.dir().trim()).toAbsolutePath().normalize(),
                b.beforeMigrate() != null ? b.beforeMigrate() : environment.filter("production"::equals).isPresent(),
                Boolean.TRUE.equals(b.deepVerify()),
                Optional.ofNullable(b.pgBinDir()).map(d -> base.resolve(d.trim()).toAbsolutePath().normalize()), key,
                b.keepLast() == null ? 0 : b.keepLast(), b.maxAge() == null ? Duration.ZERO : b.maxAge(),
                b.jobs() == null ? 1 : b.jobs(), b.encryption() == null ? BackupSettings.Encryption.AUTO
                        : BackupSettings.Encryption.valueOf(b.encryption().toUpperCase(java.util.Locale.ROOT)),
                location(b, base));
    }

    /** {@code [backup] location} and its {@code s3_*} keys; the section's check has refused bad values already. */
    private static Optional<BackupLocation> location(BackupSection b, Path base) throws ConfigException {
        if (b.location() == null) {
            return Optional.empty();
        }
        BackupLocation l = BackupLocation.parse(b.location(), "[backup] location");
        return Optional.of(new BackupLocation(l.bucket(), l.prefix(),
                Optional.ofNullable(b.s3Endpoint()).map(e -> java.net.URI.create(e.trim())),
                Optional.ofNullable(b.s3Region()).map(String::trim), Boolean.TRUE.equals(b.s3PathStyle()),
                Optional.ofNullable(b.s3Sse()), Optional.ofNullable(b.s3KmsKeyId()),
                Optional.ofNullable(b.s3Profile()), Optional.ofNullable(b.s3AccessKeyId()),
                Optional.ofNullable(b.s3SecretAccessKeyFile()).map(f -> base.resolve(f.trim()).toAbsolutePath()
                        .normalize())));
    }

    /** {@code [lint]} over the defaults; the section's own check has already refused bad words. */
    static LintSettings lint(LintSection s) {
        LintSettings d = LintSettings.defaults();
        if (s == null) {
            return d;
        }
        Map<String, Risk> risks = new LinkedHashMap<>();
        if (s.risk() != null) {
            s.risk().forEach((rule, word) -> risks.put(rule, Risk.parse(word).orElseThrow()));
        }
        return new LintSettings(s.disable() == null ? d.disabled() : Set.copyOf(s.disable()), risks,
                s.moneyPatterns() == null ? d.money() : new MoneyNames(s.moneyPatterns()),
                s.maxRisk() == null ? d.maxRisk() : Risk.parse(s.maxRisk()).orElseThrow(),
                Optional.ofNullable(s.pgVersion()), s.gate() == null || s.gate(),
                s.gradeBySize() == null || s.gradeBySize(), List.of());
    }

    /** {@code [checks]} over the defaults; the section's own check has already refused bad values. */
    static CheckSettings checks(ChecksSection s, String fileName) {
        CheckSettings d = CheckSettings.defaults();
        if (s == null) {
            return d;
        }
        List<InvariantSpec> invariants = new ArrayList<>();
        for (ChecksSection.Invariant i : s.invariant() == null ? List.<ChecksSection.Invariant>of() : s.invariant()) {
            invariants.add(new InvariantSpec(i.name(), i.sql(), Expectation.parse(i.expect()).orElseThrow(), fileName));
        }
        List<CheckSettings.Relation> relations = new ArrayList<>();
        if (s.relations() != null) {
            s.relations().forEach((child, parent) -> relations.add(new CheckSettings.Relation(
                    ColumnRef.parse(child).orElseThrow(), ColumnRef.parse(parent).orElseThrow())));
        }
        List<CheckSettings.NaturalKey> keys = new ArrayList<>();
        if (s.naturalKeys() != null) {
            s.naturalKeys().forEach((table, columns) -> keys.add(new CheckSettings.NaturalKey(table,
                    ColumnRef.columns(columns).orElseThrow())));
        }
        List<ColumnRef> nonnegative = s.nonnegative() == null ? List.of()
                : s.nonnegative().stream().map(c -> ColumnRef.parse(c).orElseThrow()).toList();
        return new CheckSettings(s.enabled() == null ? d.enabled() : s.enabled(),
                s.moneyScale() == null ? d.moneyScale() : s.moneyScale(),
                s.largeTableRows() == null ? d.largeTableRows() : s.largeTableRows(),
                s.largeTableMethod() == null ? d.largeTableMethod()
                        : CheckSettings.LargeTables.parse(s.largeTableMethod()).orElseThrow(),
                s.auditAfterMigrate() == null ? d.auditAfterMigrate() : s.auditAfterMigrate(),
                s.disable() == null ? d.disabled() : Set.copyOf(s.disable()), invariants, relations, keys, nonnegative,
                s.relaxed() == null ? List.of() : List.copyOf(s.relaxed()));
    }

    /** {@code [safety]} over the defaults; the section's own check has already refused bad words. */
    static SafetySettings safety(SafetySection s) {
        SafetySettings d = SafetySettings.defaults();
        if (s == null) {
            return d;
        }
        return new SafetySettings(
                s.onFailure() == null ? d.onFailure() : SafetySettings.OnFailure.parse(s.onFailure()).orElseThrow(),
                s.snapshot() == null ? d.snapshot() : SafetySettings.SnapshotMode.parse(s.snapshot()).orElseThrow(),
                s.snapshotRowLimit() == null ? d.snapshotRowLimit() : s.snapshotRowLimit());
    }

    /** {@code --config}, else {@code GODWIT_CONFIG}, else {@code ./godwit.toml} when there is one. */
    static Optional<Path> locate(CliOverrides cli, Map<String, String> env, Path cwd) throws ConfigException {
        if (cli.configFile().isPresent()) {
            return Optional.of(existing(cwd.resolve(cli.configFile().get()), "--config"));
        }
        String named = env.get("GODWIT_CONFIG");
        if (named != null && !named.isBlank()) {
            return Optional.of(existing(cwd.resolve(named.trim()), "GODWIT_CONFIG"));
        }
        Path implicit = cwd.resolve(FILE_NAME);
        return Files.isRegularFile(implicit) ? Optional.of(implicit) : Optional.empty();
    }

    private static Path existing(Path file, String from) throws ConfigException {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new ConfigException("config file " + abs + " (from " + from + ") does not exist");
        }
        if (!Files.isRegularFile(abs)) {
            throw new ConfigException("config file " + abs + " (from " + from + ") is not a file");
        }
        return abs;
    }

    private static Optional<String> environment(CliOverrides cli, Map<String, String> env, ConfigFile file)
            throws ConfigException {
        String from = "--env";
        Optional<String> name = cli.environment().filter(s -> !s.isBlank());
        if (name.isEmpty()) {
            from = "GODWIT_ENV";
            name = Optional.ofNullable(env.get("GODWIT_ENV")).filter(s -> !s.isBlank()).map(String::trim);
        }
        if (name.isEmpty() || file.environments().containsKey(name.get())) {
            return name;
        }
        if (file.file().isEmpty()) {
            throw new ConfigException("environment '" + name.get() + "' (from " + from + ") needs a config file"
                    + " with an [environments." + name.get() + "] section, but there is no config file (use --config,"
                    + " GODWIT_CONFIG or ./" + FILE_NAME + ")");
        }
        var defined = file.environments().keySet();
        throw new ConfigException("environment '" + name.get() + "' (from " + from + ") is not defined in "
                + file.path() + ";" + Suggestions.didYouMean(name.get(), defined)
                + (defined.isEmpty() ? " it defines no environments"
                        : " the defined environments are: " + String.join(", ", defined)));
    }

    private static ConnectionSettings connection(CliOverrides cli, Map<String, String> env, Path home,
            ConfigFile file, Optional<String> environment) throws ConfigException {
        if (cli.url().isPresent()) {
            return ConnectionUrls.parse(cli.url().get(), "--url", env, home);
        }
        Optional<ConnectionSettings> forMigrations = migrationUrl(env, home, file, environment);
        if (forMigrations.isPresent()) {
            return forMigrations.get();
        }
        for (String var : List.of("GODWIT_DATABASE_URL", "DATABASE_URL")) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                return ConnectionUrls.parse(v, var, env, home);
            }
        }
        DatabaseSection own = file.ofEnvironment(DatabaseSection.class, environment);
        if (own != null && own.url() != null) {
            String table = "environments." + environment.get() + ".database";
            return ConnectionUrls.parse(own.url(), fileName(file) + " [" + table + "] url", env, home);
        }
        DatabaseSection top = (DatabaseSection) file.top().get(DatabaseSection.class);
        if (top != null && top.url() != null) {
            return ConnectionUrls.parse(top.url(), fileName(file) + " [database] url", env, home);
        }
        return ConnectionUrls.fromEnvironment(env, home);
    }

    /**
     * {@code GODWIT_MIGRATION_URL}, else {@code [database] migration_url} (the environment's, then the file's): the
     * URL for Godwit's own connections when the application's goes through a transaction-mode pooler. It wins over
     * {@code url} and {@code DATABASE_URL} wherever those are set; only {@code --url} wins over it.
     */
    private static Optional<ConnectionSettings> migrationUrl(Map<String, String> env, Path home, ConfigFile file,
            Optional<String> environment) throws ConfigException {
        String v = env.get("GODWIT_MIGRATION_URL");
        if (v != null && !v.isBlank()) {
            return Optional.of(ConnectionUrls.parse(v, "GODWIT_MIGRATION_URL", env, home));
        }
        DatabaseSection own = file.ofEnvironment(DatabaseSection.class, environment);
        if (own != null && own.migrationUrl() != null) {
            String table = "environments." + environment.get() + ".database";
            return Optional.of(ConnectionUrls.parse(own.migrationUrl(), fileName(file) + " [" + table + "] migration_url",
                    env, home));
        }
        DatabaseSection top = (DatabaseSection) file.top().get(DatabaseSection.class);
        if (top != null && top.migrationUrl() != null) {
            return Optional.of(ConnectionUrls.parse(top.migrationUrl(), fileName(file) + " [database] migration_url",
                    env, home));
        }
        return Optional.empty();
    }

    private static String fileName(ConfigFile file) {
        // No file but settings in code: they came from the Java API's configure().
        return file.file().map(p -> p.getFileName().toString()).orElse("configure()");
    }

    private static String schema(CliOverrides cli, Map<String, String> env, DatabaseSection db)
            throws ConfigException {
        if (cli.schema().isPresent()) {
            DatabaseSection.checkSchema(cli.schema().get(), "--schema");
            return cli.schema().get();
        }
        String v = env.get("GODWIT_SCHEMA");
        if (v != null && !v.isBlank()) {
            DatabaseSection.checkSchema(v.trim(), "GODWIT_SCHEMA");
            return v.trim();
        }
        return db != null && db.schema() != null ? db.schema() : GodwitConfig.DEFAULT_SCHEMA;
    }

    /** Command-line and variable paths are the user's (relative to the working folder); file paths the file's. */
    private static List<dev.godwit.migration.Location> locations(CliOverrides cli, Map<String, String> env, Path cwd, ConfigFile file,
            MigrationsSection mig) throws ConfigException {
        if (cli.locations().isPresent()) {
            return resolve(cwd, nonEmpty(cli.locations().get(), "--locations"));
        }
        String v = env.get("GODWIT_LOCATIONS");
        if (v != null && !v.isBlank()) {
            return resolve(cwd, nonEmpty(Arrays.asList(v.split(",")), "GODWIT_LOCATIONS"));
        }
        Path base = file.file().map(p -> p.getParent()).orElse(cwd);
        if (mig != null && mig.locations() != null) {
            return resolve(base, mig.locations());
        }
        return List.of(new dev.godwit.migration.Location.Folder(base.resolve(DEFAULT_LOCATION).normalize()));
    }

    private static List<String> nonEmpty(List<String> raw, String from) throws ConfigException {
        List<String> out = raw.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (out.isEmpty()) {
            throw new ConfigException(from + " must name at least one folder, such as db/migrations");
        }
        return out;
    }

    /** {@code classpath:} names a package on the class path; anything else a folder, relative to {@code base}. */
    private static List<dev.godwit.migration.Location> resolve(Path base, List<String> paths) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : ConfigLoader.class.getClassLoader();
        List<dev.godwit.migration.Location> out = new ArrayList<>();
        for (String p : paths) {
            out.add(dev.godwit.migration.Location.parse(p, base, loader));
        }
        return out;
    }

    /** The {@link MigrateSettings} values, each from the first layer that sets it. */
    static final class MigrateLayers {

        private MigrateLayers() {}

        static MigrateSettings resolve(CliOverrides cli, Map<String, String> env, MigrationsSection file)
                throws ConfigException {
            MigrateSettings d = MigrateSettings.defaults();
            MigrationsSection f = file != null ? file
                    : new MigrationsSection(null, null, null, null, null, null, null, null, null, null, null, null);
            Duration lockTimeout = duration(cli.lockTimeout(), "--lock-timeout", env, "GODWIT_LOCK_TIMEOUT",
                    f.lockTimeout(), d.lockTimeout());
            Duration statementTimeout = duration(cli.statementTimeout(), "--statement-timeout", env,
                    "GODWIT_STATEMENT_TIMEOUT", f.statementTimeout(), d.statementTimeout());
            Duration lockWait = duration(cli.lockWait(), "--lock-wait", env, "GODWIT_LOCK_WAIT", f.lockWait(),
                    d.lockWait());
            String attemptsVar = env.get("GODWIT_MAX_ATTEMPTS");
            int maxAttempts = attemptsVar != null && !attemptsVar.isBlank()
                    ? Values.positiveInt(attemptsVar, "GODWIT_MAX_ATTEMPTS")
                    : or(f.maxAttempts(), d.maxAttempts());
            String oooVar = env.get("GODWIT_OUT_OF_ORDER");
            boolean outOfOrder = cli.outOfOrder().isPresent() ? cli.outOfOrder().get()
                    : oooVar != null && !oooVar.isBlank() ? Values.bool(oooVar, "GODWIT_OUT_OF_ORDER")
                    : or(f.outOfOrder(), d.outOfOrder());
            Duration baseDelay = or(f.retryBaseDelay(), d.retryBaseDelay());
            Duration maxDelay = or(f.retryMaxDelay(), d.retryMaxDelay());
            if (baseDelay.compareTo(maxDelay) > 0) {
                // Back-off doubles from the base up to the max; a base above the max is surely a typo.
                throw new ConfigException("[migrations] retry_base_delay (" + Durations.format(baseDelay)
                        + ") must not be longer than retry_max_delay (" + Durations.format(maxDelay) + ")");
            }
            return new MigrateSettings(lockTimeout, statementTimeout, maxAttempts, baseDelay, maxDelay, lockWait,
                    outOfOrder, or(f.cleanDisabled(), d.cleanDisabled()), or(f.quietWait(), d.quietWait()),
                    duration(Optional.empty(), "", env, "GODWIT_STOP_GRACE", f.stopGrace(), d.stopGrace()));
        }

        private static Duration duration(Optional<String> flagValue, String flag, Map<String, String> env,
                String var, Duration fromFile, Duration fallback) throws ConfigException {
            if (flagValue.isPresent()) {
                return Values.duration(flagValue.get(), flag);
            }
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                return Values.duration(v, var);
            }
            return or(fromFile, fallback);
        }

        private static <T> T or(T value, T fallback) {
            return value != null ? value : fallback;
        }
    }
}
