package dev.godwit.cli.commands;

import dev.godwit.audit.AuditAction;
import dev.godwit.audit.AuditEntry;
import dev.godwit.audit.AuditJson;
import dev.godwit.audit.AuditLog;
import dev.godwit.audit.Verification;
import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Output;
import dev.godwit.cli.Session;
import dev.godwit.cli.Tables;
import dev.godwit.base.Durations;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code godwit audit log | verify | export}: read, check and hand over the hash-chained audit log. */
@Command(name = "audit", description = "Show, verify and export the tamper-evident audit log.",
        subcommands = {AuditCommand.ShowLog.class, AuditCommand.VerifyLog.class, AuditCommand.ExportLog.class})
public final class AuditCommand extends BaseCommand {

    static final String KEY_VARIABLE = Session.AUDIT_KEY;

    private final Map<String, String> env;

    public AuditCommand() {
        this(System.getenv());
    }

    /** With the environment to read GODWIT_AUDIT_KEY from (tests pass their own). */
    public AuditCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: `godwit audit log`, "
                + "`godwit audit verify` or `godwit audit export --format csv|jsonl`");
    }

    /** The log of the configured schema, keyed with GODWIT_AUDIT_KEY when it is set; the key is never printed. */
    AuditLog auditLog(Session s) {
        try {
            s.out().addSecrets(java.util.List.of(env.getOrDefault(KEY_VARIABLE, "")));
            return dev.godwit.api.Godwit.auditLog(s.config().schema(), env);
        } catch (dev.godwit.api.GodwitException e) {
            throw new dev.godwit.cli.CliFailure(e.exitCode(), e.getMessage());
        }
    }

    /** What the three subcommands share; their parent is this command, which reaches the global options. */
    abstract static class Sub implements Callable<Integer> {

        /** {@code godwit <command> --help}, as the README promises for every command. */
        @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @ParentCommand
        AuditCommand parent;

        @Spec
        CommandSpec spec;

        Output out() {
            return parent.out();
        }

        Session session() {
            return parent.session();
        }

        Map<String, Object> document(Session s, AuditLog log) {
            Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
            doc.put("table", log.table());
            return doc;
        }
    }

    @Command(name = "log", description = "The audit entries, oldest first.")
    static final class ShowLog extends Sub {

        @Option(names = "--since", paramLabel = "TIME",
                description = "From this time: 2026-11-01, 2026-11-01T09:30:00Z, or a duration ago: 24h, 7d.")
        String since;

        @Option(names = "--version", paramLabel = "V", description = "Only entries about this migration version.")
        String version;

        @Option(names = "--action", paramLabel = "ACTION", description = "Only this action, e.g. migration_applied.")
        String action;

        @Option(names = "--run", paramLabel = "RUN_ID", description = "Only this run (its id or first characters).")
        String run;

        @Override
        public Integer call() throws SQLException {
            Optional<Instant> from = Optional.ofNullable(since).map(t -> time("--since", t, Instant.now()));
            Optional<String> word = Optional.ofNullable(action).map(ShowLog::actionWord);
            Session s = session();
            AuditLog log = parent.auditLog(s);
            List<AuditEntry> entries;
            try (Connection c = s.connect()) {
                entries = log.query(c, new AuditLog.Filter(from, Optional.ofNullable(version), word,
                        Optional.ofNullable(run)));
            }
            if (out().json()) {
                Map<String, Object> doc = document(s, log);
                doc.put("entries", entries.stream().map(AuditJson::of).toList());
                out().result(doc);
            } else if (entries.isEmpty()) {
                out().line("No audit entries" + (from.isPresent() || word.isPresent() || version != null
                        || run != null ? " match." : " in " + log.table() + "."));
            } else {
                table(entries);
            }
            return ExitCodes.OK;
        }

        private void table(List<AuditEntry> entries) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("Seq", "Time", "Action", "Version", "Actor", "Ticket", "Approver", "Run"));
            for (AuditEntry e : entries) {
                rows.add(List.of(Long.toString(e.seq()), Tables.time(e.at()), e.action(), orEmpty(e.version()),
                        e.osUser() + "@" + e.host() + " (" + e.dbUser() + ")", orEmpty(e.ticket()),
                        orEmpty(e.approver()), e.runId() == null ? "" : e.runId().substring(0,
                                Math.min(8, e.runId().length()))));
            }
            Tables.print(out(), rows);
        }

        private static String actionWord(String given) {
            return AuditAction.fromWord(given).map(AuditAction::word).orElseThrow(() -> new CliFailure(
                    ExitCodes.USAGE, "unknown --action '" + given + "'; the actions are: " + AuditAction.words()));
        }
    }

    @Command(name = "verify", description = "Recompute the hash chain and name the first broken link (exit 4).")
    static final class VerifyLog extends Sub {

        @Option(names = "--expect-head", paramLabel = "HASH",
                description = "The head hash kept from an earlier run: catches a cut-off tail.")
        String expectHead;

        @Override
        public Integer call() throws SQLException {
            if (expectHead != null && !expectHead.trim().matches("[0-9a-fA-F]{64}")) {
                throw new CliFailure(ExitCodes.USAGE, "--expect-head must be a 64-character hex hash as `godwit"
                        + " audit verify` prints it, not '" + expectHead + "'");
            }
            Session s = session();
            AuditLog log = parent.auditLog(s);
            Verification v;
            try (Connection c = s.connect()) {
                v = log.verify(c, Optional.ofNullable(expectHead));
            }
            if (out().json()) {
                out().result(json(s, log, v));
            } else {
                text(log, v);
            }
            return v.intact() ? ExitCodes.OK : ExitCodes.VALIDATION;
        }

        private void text(AuditLog log, Verification v) {
            Output o = out();
            String hashing = log.keyed() ? "HMAC-SHA256 with " + KEY_VARIABLE : "SHA-256, no key";
            if (v.intact()) {
                o.line(o.green("intact") + ": " + v.entries() + " entries, head " + v.head());
                o.line("(" + log.table() + ", " + hashing + ")");
                return;
            }
            Verification.Break b = v.firstBreak().orElseThrow();
            o.line(o.red("BROKEN") + " at entry " + b.seq() + " (" + b.word() + "): " + b.message());
            o.line(v.entries() + " entries, head " + v.head() + " (" + log.table() + ", " + hashing + ")");
        }

        private static Map<String, Object> json(Session s, AuditLog log, Verification v) {
            Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
            doc.put("table", log.table());
            doc.put("keyed", log.keyed());
            doc.put("intact", v.intact());
            doc.put("entries", v.entries());
            doc.put("head", v.head());
            doc.put("break", v.firstBreak().map(b -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("seq", b.seq());
                m.put("kind", b.word());
                m.put("message", b.message());
                return m;
            }).orElse(null));
            return doc;
        }
    }

    @Command(name = "export", description = "Write the audit log as CSV or JSON lines, for auditors.")
    static final class ExportLog extends Sub {

        @Option(names = "--format", paramLabel = "csv|jsonl", required = true, description = "csv or jsonl.")
        String format;

        @Option(names = "--since", paramLabel = "TIME",
                description = "From this time: 2026-11-01, 2026-11-01T09:30:00Z, or a duration ago: 24h, 7d.")
        String since;

        @Option(names = "--output", paramLabel = "FILE",
                description = "Write this file (atomically, readable by you only) instead of stdout.")
        Path output;

        @Override
        public Integer call() throws SQLException, IOException {
            AuditLog.Format f = format(format);
            Optional<Instant> from = Optional.ofNullable(since).map(t -> time("--since", t, Instant.now()));
            Session s = session();
            AuditLog log = parent.auditLog(s);
            try (Connection c = s.connect()) {
                if (output == null) {
                    PrintWriter stdout = spec.commandLine().getOut();
                    log.export(c, f, from, stdout);
                    stdout.flush();
                    return ExitCodes.OK;
                }
                writeAtomically(output, w -> log.export(c, f, from, w));
            }
            if (out().json()) {
                Map<String, Object> doc = document(s, log);
                doc.put("format", f.name().toLowerCase(Locale.ROOT));
                doc.put("output", output.toAbsolutePath().toString());
                out().result(doc);
            } else {
                out().line("Exported " + log.table() + " as " + f.name().toLowerCase(Locale.ROOT) + " to " + output
                        + ".");
            }
            return ExitCodes.OK;
        }

        private static AuditLog.Format format(String given) {
            return switch (given.trim().toLowerCase(Locale.ROOT)) {
                case "csv" -> AuditLog.Format.CSV;
                case "jsonl" -> AuditLog.Format.JSONL;
                default -> throw new CliFailure(ExitCodes.USAGE, "--format must be csv or jsonl, not '" + given + "'");
            };
        }
    }

    interface Export {
        void to(Writer w) throws SQLException, IOException;
    }

    /**
     * Writes {@code target} whole or not at all: into a temporary file beside it, created with mode 0600 (the log
     * names people and hosts), synced, then moved over the target.
     */
    static void writeAtomically(Path target, Export export) throws SQLException, IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new CliFailure(ExitCodes.USAGE, "cannot write " + target + ": its folder does not exist");
        }
        Path tmp = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(dir, ".godwit-audit-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".godwit-audit-", ".tmp");
        try {
            try (var stream = Files.newOutputStream(tmp);
                 Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8))) {
                export.to(w);
                w.flush();
                if (stream instanceof java.io.FileOutputStream fos) {
                    fos.getFD().sync();
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A point in time as people write it: an ISO date (midnight UTC), an ISO date-time (UTC unless it names an
     * offset), or a duration meaning that long ago ({@code 24h}, {@code 7d}).
     */
    static Instant time(String option, String text, Instant now) {
        String t = text.trim();
        Optional<Duration> ago = Durations.parse(t);
        if (ago.isPresent()) {
            return now.minus(ago.get());
        }
        String iso = t.matches("\\d{4}-\\d{2}-\\d{2} \\d.*") ? t.replaceFirst(" ", "T") : t;
        try {
            if (iso.length() == 10) {
                return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (iso.matches(".*(Z|z|[+-]\\d{2}(:?\\d{2})?)$") && iso.contains("T")) {
                return OffsetDateTime.parse(iso.toUpperCase(Locale.ROOT)).toInstant();
            }
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new CliFailure(ExitCodes.USAGE, option + " must be an ISO date (2026-11-01), a date-time"
                    + " (2026-11-01T09:30:00Z) or a duration meaning that long ago (24h, 7d), not '" + text + "'");
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
