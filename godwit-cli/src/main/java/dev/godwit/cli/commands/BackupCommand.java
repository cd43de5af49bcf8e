package dev.godwit.cli.commands;

import dev.godwit.api.BackupCommands;
import dev.godwit.db.ConnectionSettings;
import dev.godwit.audit.AuditAction;
import dev.godwit.backup.BackupException;
import dev.godwit.backup.Backups;
import dev.godwit.backup.Manifest;
import dev.godwit.backup.Restored;
import dev.godwit.backup.Retention;
import dev.godwit.backup.Verification;
import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Output;
import dev.godwit.cli.Session;
import dev.godwit.cli.Tables;
import dev.godwit.cli.backup.ByteProgress;
import dev.godwit.config.ConfigException;
import dev.godwit.config.ConnectionUrls;
import dev.godwit.base.Durations;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code godwit backup create | list | verify | restore | prune}: verified, optionally encrypted pg_dump backups. */
@Command(name = "backup", description = "Take, list, verify, restore and prune pg_dump backups.",
        subcommands = {BackupCommand.Create.class, BackupCommand.ListBackups.class, BackupCommand.Verify.class,
            BackupCommand.Restore.class, BackupCommand.Prune.class, BackupCommand.Keep.class})
public final class BackupCommand extends BaseCommand {

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: `godwit backup create`, `list`,"
                + " `verify ID`, `restore ID --into NEW_DB` or `prune`");
    }

    /** What the subcommands share: the parent's output and session, and the exit code of a backup failure. */
    abstract static class Sub implements Callable<Integer> {

        /** {@code godwit <command> --help}, as the README promises for every command. */
        @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @ParentCommand
        BackupCommand parent;

        @Spec
        CommandSpec spec;

        Output out() {
            return parent.out();
        }

        Session session() {
            return parent.session();
        }

        /**
         * The API's backups, stopped by SIGINT/SIGTERM through the process's cancellation; what interrupted runs left
         * (a power loss, kill -9) was swept first, and is said.
         */
        BackupCommands backups(Session s) {
            BackupCommands b = s.godwit().backups();
            if (!b.swept().isEmpty()) {
                out().warn("removed what an interrupted backup command left behind: " + String.join(", ", b.swept()));
            }
            return b;
        }

        /** Audit entries the API could not write: the backup itself is fine. */
        void warnings(BackupCommands b) {
            b.warnings().forEach(w -> out().warn(w));
        }

        Map<String, Object> document(Session s) {
            Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
            doc.put("dir", s.config().backup().dir().toString());
            s.config().backup().location().ifPresent(l -> doc.put("location", l.display()));
            return doc;
        }
    }

    @Command(name = "create", description = "Take a backup with pg_dump on an exported snapshot, with each table's"
            + " row count in its manifest; encrypted when GODWIT_BACKUP_KEY or [backup] key_file is set.")
    static final class Create extends Sub {

        @Option(names = "--label", paramLabel = "TEXT", description = "A note kept in the manifest and the list.")
        String label;

        @Option(names = "--keep", description = "Never removed by `godwit backup prune`.")
        boolean keep;

        @Option(names = "--jobs", paramLabel = "N",
                description = "Dump with N parallel jobs in pg_dump's directory format (default [backup] jobs, 1).")
        Integer jobs;

        @Override
        public Integer call() throws InterruptedException {
            if (jobs != null && (jobs < 1 || jobs > 64)) {
                throw new CliFailure(ExitCodes.USAGE, "--jobs must be from 1 to 64, not " + jobs);
            }
            Session s = session();
            BackupCommands b = backups(s);
            Manifest m;
            boolean bar = !out().json() && System.console() != null;
            try (ByteProgress progress = ByteProgress.of(bar, "backup")) {
                m = b.create(Optional.ofNullable(label), keep, Optional.ofNullable(jobs), progress);
            }
            warnings(b);
            if (out().json()) {
                Map<String, Object> doc = document(s);
                doc.put("backup", m);
                out().result(doc);
            } else {
                Output o = out();
                o.line(o.green("Backup " + m.id()) + ": " + b.locate(m));
                o.line("  " + size(m.size()) + ", " + m.format() + " format" + (m.encrypted() ? ", encrypted (key "
                        + m.keyId() + ")" : ", not encrypted") + ", " + m.rowCounts().size() + " tables, "
                        + m.totalRows() + " rows, migration version " + orNone(m.migrationVersion()));
                o.line("  sha256 " + m.sha256());
                o.line("  check it with `godwit backup verify " + m.id() + "` (add --deep to restore it as a test)");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "The backups in [backup] dir, newest first.")
    static final class ListBackups extends Sub {

        @Override
        public Integer call() {
            Session s = session();
            List<Manifest> all;
            BackupCommands b = backups(s);
            all = new ArrayList<>(b.list());
            java.util.Collections.reverse(all);
            if (out().json()) {
                Map<String, Object> doc = document(s);
                doc.put("backups", all);
                out().result(doc);
                return ExitCodes.OK;
            }
            if (all.isEmpty()) {
                out().line("No backups in " + b.where() + ".");
                return ExitCodes.OK;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("Id", "Created", "Size", "Version", "Encrypted", "Verified", "Purpose", "Label"));
            for (Manifest m : all) {
                rows.add(List.of(m.id(), Tables.time(m.created()), size(m.size()), orNone(m.migrationVersion()),
                        m.encrypted() ? "yes" : "no", m.lastVerified().map(v -> v.deep() ? "deep" : "yes").orElse("no"),
                        m.purpose() + (m.keep() ? " (keep)" : ""), m.label() == null ? "" : m.label()));
            }
            Tables.print(out(), rows);
            return ExitCodes.OK;
        }
    }

    @Command(name = "verify", description = "Check a backup: SHA-256, decryption, pg_restore --list; with --deep,"
            + " restore it into a scratch database and compare every table's row count (exit 7 on a failure).")
    static final class Verify extends Sub {

        @Parameters(paramLabel = "ID", description = "The backup id (or its start), as `godwit backup list` shows.")
        String id;

        @Option(names = "--deep", description = "Also restore it into a scratch database and compare row counts.")
        boolean deep;

        @Option(names = "--scratch-url", paramLabel = "URL", description = "With --deep: the server to restore into"
                + " (a scratch database is created and dropped); default: an embedded PostgreSQL.")
        String scratchUrl;

        @Override
        public Integer call() throws InterruptedException {
            if (scratchUrl != null && !deep) {
                throw new CliFailure(ExitCodes.USAGE, "--scratch-url goes with --deep");
            }
            Session s = session();
            BackupCommands b = backups(s);
            Manifest m = b.find(id);
            Verification v = b.verify(m.id(), deep, deep ? scratch() : Optional.empty());
            warnings(b);
            if (out().json()) {
                Map<String, Object> doc = document(s);
                doc.put("backup", m.id());
                doc.put("ok", v.ok());
                doc.put("checks", v.checks());
                out().result(doc);
            } else {
                Output o = out();
                for (Verification.Check c : v.checks()) {
                    o.line("  " + (c.ok() ? o.green("ok    ") : o.red("FAILED")) + " " + c.name() + ": " + c.detail());
                }
                o.line(v.ok() ? o.green("Backup " + m.id() + " verified") + (deep ? " (restored and counted)." : ".")
                        : o.red("Backup " + m.id() + " does NOT verify") + ": do not rely on it.");
            }
            return v.ok() ? ExitCodes.OK : ExitCodes.BACKUP;
        }

        /** The server --scratch-url names; empty: an embedded PostgreSQL. */
        private Optional<ConnectionSettings> scratch() {
            if (scratchUrl == null) {
                return Optional.empty();
            }
            try {
                var settings = ConnectionUrls.parse(scratchUrl, "--scratch-url", System.getenv(),
                        Path.of(System.getProperty("user.home")));
                out().addSecrets(List.of(Optional.ofNullable(settings.password()).orElse("")));
                return Optional.of(settings);
            } catch (ConfigException e) {
                throw new CliFailure(ExitCodes.USAGE, e.getMessage());
            }
        }
    }

    @Command(name = "restore", description = "Restore a backup into a new database (--into), or over the configured"
            + " database (--replace --yes, under the migration lock). A backup that does not verify is refused.")
    static final class Restore extends Sub {

        @Parameters(paramLabel = "ID", description = "The backup id (or its start).")
        String id;

        @Option(names = "--into", paramLabel = "NEW_DB", description = "A database to create on the same server.")
        String into;

        @Option(names = "--replace", description = "Restore over the configured database instead (needs --yes).")
        boolean replace;

        @Option(names = "--yes", description = "Confirm --replace.")
        boolean yes;

        @Override
        public Integer call() throws InterruptedException {
            if ((into == null) == !replace) {
                throw new CliFailure(ExitCodes.USAGE, "name where to restore: --into NEW_DB (a new database), or"
                        + " --replace --yes (over the configured database)");
            }
            if (replace && !yes) {
                throw new CliFailure(ExitCodes.USAGE, "--replace overwrites the configured database with the backup;"
                        + " add --yes to confirm (or use --into NEW_DB to restore beside it)");
            }
            Session s = session();
            BackupCommands b = backups(s);
            Manifest m = b.find(id);
            Restored r = replace ? b.replace(m.id()) : b.restoreInto(m.id(), into);
            warnings(b);
            if (out().json()) {
                Map<String, Object> doc = document(s);
                Map<String, Object> restored = new LinkedHashMap<>();
                restored.put("backup", r.id());
                restored.put("database", r.database());
                restored.put("tables", r.tables());
                restored.put("rows", r.rows());
                restored.put("tablesLeftInPlace", r.extra());
                restored.put("tookMs", r.took().toMillis());
                doc.put("restored", restored);
                out().result(doc);
            } else {
                Output o = out();
                o.line(o.green("Restored " + m.id()) + " into " + r.database() + " in " + seconds(r.took()) + ": "
                        + r.tables() + " tables, " + r.rows() + " rows, every count as in the manifest.");
                if (!r.extra().isEmpty()) {
                    o.warn("tables the backup does not have were left in place: " + String.join(", ", r.extra()));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "prune", description = "Remove backups beyond [backup] keep_last or older than max_age; never one"
            + " marked --keep, nor the newest verified pre-migration backup.")
    static final class Prune extends Sub {

        @Option(names = "--keep-last", paramLabel = "N", description = "Keep the newest N (default [backup] keep_last).")
        Integer keepLast;

        @Option(names = "--max-age", paramLabel = "DURATION",
                description = "Remove backups older than this, e.g. 30d (default [backup] max_age).")
        String maxAge;

        @Option(names = "--dry-run", description = "Say what would be removed; remove nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            Session s = session();
            Duration age = s.config().backup().maxAge();
            if (maxAge != null) {
                age = Durations.parse(maxAge).orElseThrow(() -> new CliFailure(ExitCodes.USAGE,
                        Durations.expected("--max-age", maxAge)));
            }
            if (keepLast != null && keepLast < 0) {
                throw new CliFailure(ExitCodes.USAGE, "--keep-last must be 0 (no limit) or more, not " + keepLast);
            }
            Retention.Rules rules = new Retention.Rules(keepLast != null ? keepLast : s.config().backup().keepLast(),
                    age);
            Retention.Plan plan = backups(s).prune(rules, !dryRun);
            if (out().json()) {
                Map<String, Object> doc = document(s);
                doc.put("dryRun", dryRun);
                doc.put("removed", plan.remove().stream().map(Manifest::id).toList());
                doc.put("kept", plan.kept());
                out().result(doc);
                return ExitCodes.OK;
            }
            Output o = out();
            if (rules.none()) {
                o.line("Nothing to prune: set [backup] keep_last or max_age, or pass --keep-last / --max-age.");
            }
            for (Manifest m : plan.remove()) {
                o.line("  " + (dryRun ? "would remove " : o.yellow("removed ")) + m.id() + " (" + Tables.time(m.created())
                        + ", " + size(m.size()) + ")");
            }
            plan.kept().forEach((id, why) -> o.line("  kept " + id + ": " + why));
            o.line((dryRun ? "Would remove " : "Removed ") + plan.remove().size() + " backup(s); kept "
                    + plan.kept().size() + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "keep", description = "Mark a backup keep: `godwit backup prune` never removes it (--off lifts"
            + " the mark). Written into its manifest.")
    static final class Keep extends Sub {

        @Parameters(paramLabel = "ID", description = "The backup id (or its start).")
        String id;

        @Option(names = "--off", description = "Lift the mark: prune's rules apply to it again.")
        boolean off;

        @Override
        public Integer call() {
            Session s = session();
            Manifest m = backups(s).keep(id, !off);
            if (out().json()) {
                Map<String, Object> doc = document(s);
                doc.put("backup", m.id());
                doc.put("keep", m.keep());
                out().result(doc);
            } else {
                out().line(off ? "Backup " + m.id() + " is no longer marked keep: prune's rules apply to it."
                        : out().green("Backup " + m.id() + " is marked keep") + ": prune never removes it (`godwit"
                        + " backup keep " + m.id() + " --off` lifts the mark).");
            }
            return ExitCodes.OK;
        }
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String orNone(String s) {
        return s == null ? "none" : s;
    }

}
