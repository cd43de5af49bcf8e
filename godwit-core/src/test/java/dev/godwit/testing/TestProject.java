package dev.godwit.testing;

import dev.godwit.config.GodwitConfig;
import dev.godwit.config.AuditSettings;
import dev.godwit.config.MigrateSettings;
import dev.godwit.config.SafetySettings;
import dev.godwit.db.ConnectionSettings;
import dev.godwit.audit.Actor;
import dev.godwit.config.BackupSettings;
import dev.godwit.config.CheckSettings;
import dev.godwit.config.PreflightSettings;
import dev.godwit.config.LintSettings;
import dev.godwit.audit.AuditLog;
import dev.godwit.db.Connector;
import dev.godwit.run.RunListener;
import dev.godwit.execute.RunSetup;
import dev.godwit.db.Connections;
import dev.godwit.lock.MigrationLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A migrations folder and a configuration pointing at a test database: what engine tests run against. */
public final class TestProject {

    private final TestDatabase db;
    private final Path migrations;
    private final Map<String, String> placeholders = new HashMap<>();
    private MigrateSettings settings = fastSettings();
    private SafetySettings safety = SafetySettings.defaults();
    private AuditSettings audit = AuditSettings.defaults();
    /** Gate off: tests of other features run risky SQL on purpose; the gate's own tests turn it on. */
    private LintSettings lint = LintSettings.defaults().withGate(false);
    private BackupSettings backup = BackupSettings.defaults();
    private CheckSettings checks = CheckSettings.defaults();
    /** Off, like the gate: tests of lock waits and retries hold locks on purpose; preflight's own tests turn it on. */
    private PreflightSettings preflight = PreflightSettings.defaults().withEnabled(false);

    public TestProject(TestDatabase db, Path dir) {
        this.db = db;
        this.migrations = dir.resolve("db/migrations");
        try {
            Files.createDirectories(migrations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Defaults, but with short waits so that tests of retries and lock waits take seconds, not minutes. */
    public static MigrateSettings fastSettings() {
        MigrateSettings d = MigrateSettings.defaults();
        // No quiet wait: tests of lock timeouts and retries want the lock asked for at once.
        return new MigrateSettings(Duration.ofMillis(300), d.statementTimeout(), 10, Duration.ofMillis(50),
                Duration.ofMillis(400), Duration.ofSeconds(5), false, true, Duration.ZERO);
    }

    public TestProject write(String name, String sql) {
        try {
            Path file = migrations.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, sql.getBytes(StandardCharsets.UTF_8));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestProject delete(String name) {
        try {
            Files.delete(migrations.resolve(name));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestProject placeholder(String name, String value) {
        placeholders.put(name, value);
        return this;
    }

    public TestProject settings(MigrateSettings s) {
        this.settings = s;
        return this;
    }

    public TestProject audit(AuditSettings a) {
        this.audit = a;
        return this;
    }

    public TestProject lint(LintSettings l) {
        this.lint = l;
        return this;
    }

    public TestProject backup(BackupSettings b) {
        this.backup = b;
        return this;
    }

    public TestProject checks(CheckSettings c) {
        this.checks = c;
        return this;
    }

    public TestProject preflight(PreflightSettings p) {
        this.preflight = p;
        return this;
    }

    public TestProject safety(SafetySettings s) {
        this.safety = s;
        return this;
    }

    public Path migrations() {
        return migrations;
    }

    public TestDatabase db() {
        return db;
    }

    public ConnectionSettings connection() {
        return new ConnectionSettings(db.host(), db.port(), db.name(), db.user(),
                db.password() == null || db.password().isEmpty() ? null : db.password(), null, Map.of(), "test");
    }

    public GodwitConfig config() {
        return new GodwitConfig(Optional.empty(), Optional.empty(), connection(), "godwit", List.of(new dev.godwit.migration.Location.Folder(migrations)),
                Map.copyOf(placeholders), settings, safety, audit, migrations.getParent().getParent().resolve("reports"), lint,
                backup, checks, preflight);
    }

    public Connector connector() {
        ConnectionSettings c = connection();
        return () -> Connections.open(c);
    }

    /** A run's setup: this project, a listener, a fresh run id, a tester as actor, the plain audit log. */
    public RunSetup setup(RunListener listener) {
        return new RunSetup(config(), connector(), listener, requester(),
                new Actor("tester", "test-host", Map.of(), null, null), new AuditLog("godwit", Optional.empty()));
    }

    public static MigrationLock.Requester requester() {
        return new MigrationLock.Requester("tester", "test-host", ProcessHandle.current().pid(),
                UUID.randomUUID().toString());
    }
}
