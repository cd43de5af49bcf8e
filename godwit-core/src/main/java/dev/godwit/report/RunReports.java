package dev.godwit.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.godwit.migration.MigrationScript;
import dev.godwit.run.RunOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes run reports as Markdown (for people and change tickets) and JSON (for tools), side by side in the
 * report folder as {@code <time>-<run id>.md} / {@code .json}, and finds them again.
 */
public final class RunReports {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunReports() {}

    /** The outcome in one word, as reports and JSON say it. */
    public static String outcomeWord(RunOutcome outcome) {
        return outcome.accept(new RunOutcome.Visitor<String>() {
            public String done(RunOutcome.Done d) {
                return d.applied().isEmpty() ? "nothing-to-do" : "done";
            }

            public String invalid(RunOutcome.Invalid i) {
                return "invalid";
            }

            public String blocked(RunOutcome.Blocked b) {
                return "blocked";
            }

            public String notReady(RunOutcome.NotReady n) {
                return "not-ready";
            }

            public String backupFailed(RunOutcome.BackupFailed b) {
                return "backup-failed";
            }

            public String refused(RunOutcome.Refused r) {
                return "refused";
            }

            public String interrupted(RunOutcome.Interrupted i) {
                return "interrupted";
            }

            public String lockTimedOut(RunOutcome.LockTimedOut t) {
                return "lock-timeout";
            }

            public String failed(RunOutcome.Failed f) {
                return f.failure().interrupted() ? "interrupted" : "failed";
            }

            public String hookFailed(RunOutcome.HookFailed h) {
                return "hook-failed";
            }
        });
    }

    /** The report of a finished run: what the collector heard, how it ended, where it left the database. */
    public static RunReport build(RunReport.Header h, ReportCollector c, RunOutcome outcome,
                                  Optional<String> versionAfter, String auditHead) {
        List<String> reverted = List.of();
        List<String> notReverted = List.of();
        List<String> problems = List.of();
        String failure = null;
        if (outcome instanceof RunOutcome.Failed f) {
            reverted = scripts(f.reverted());
            notReverted = f.notReverted();
            failure = f.failed().label() + " failed at " + f.failure().describe();
        } else if (outcome instanceof RunOutcome.Invalid i) {
            problems = i.problems();
        } else if (outcome instanceof RunOutcome.LockTimedOut t) {
            failure = t.cause().getMessage();
        } else if (outcome instanceof RunOutcome.HookFailed hf) {
            failure = hf.hook().describe() + (hf.appliedBefore().isEmpty() ? "; nothing was applied"
                    : "; applied before it, and still applied: " + String.join(", ", scripts(hf.appliedBefore())));
        } else if (outcome instanceof RunOutcome.BackupFailed b) {
            failure = b.message();
        } else if (outcome instanceof RunOutcome.Refused r) {
            failure = r.message();
        } else if (outcome instanceof RunOutcome.Interrupted i) {
            failure = "interrupted by " + i.reason() + " " + i.during() + "; nothing was applied";
        } else if (outcome instanceof RunOutcome.NotReady n) {
            problems = n.report().failures().stream().map(f -> f.id() + ": " + f.summary()).toList();
        } else if (outcome instanceof RunOutcome.Blocked b) {
            problems = b.blocking().stream().map(f -> f.location() + " " + f.risk().word() + " " + f.rule() + ": "
                    + f.message()).toList();
        }
        return new RunReport(h.runId(), h.command(), outcomeWord(outcome), h.database(), h.environment(), h.osUser(),
                h.host(), h.ticket(), h.approver(), c.startedAt().toString(), java.time.Instant.now().toString(),
                c.versionBefore().map(Object::toString).orElse(null), versionAfter.orElse(null), c.entries(),
                reverted, notReverted, problems, failure, auditHead, c.backupId().orElse(null), c.lint(),
                c.hooks(), c.wal(), c.recovery());
    }

    /** Writes both files (mode 0600 where the file system allows) and returns the Markdown one. */
    public static Path write(Path dir, RunReport r) throws IOException {
        Files.createDirectories(dir);
        Path md = markdownPath(dir, java.time.Instant.parse(r.startedAt()), r.runId());
        String base = md.getFileName().toString().replaceFirst("\\.md$", "");
        writeAtomically(dir.resolve(base + ".json"), JSON.writeValueAsString(r));
        writeAtomically(md, Markdown.of(r));
        return md;
    }

    /** Where the Markdown report of a run that started at {@code startedAt} is written (hooks are told it early). */
    public static Path markdownPath(Path dir, java.time.Instant startedAt, String runId) {
        return dir.resolve(FILE_TIME.format(startedAt) + "-" + runId + ".md");
    }

    /** The Markdown report of a run whose id starts with {@code runId}, or the newest when empty. */
    public static Optional<Path> find(Path dir, Optional<String> runId, String extension) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(extension))
                    .filter(p -> runId.map(id -> p.getFileName().toString().substring(16).startsWith(id)).orElse(true))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        }
    }

    /** Never leaves a temporary behind: a full disk left a 0-byte {@code .json.tmp} next to the reports. */
    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the folder's own permissions protect it there
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static List<String> scripts(List<MigrationScript> list) {
        return list.stream().map(MigrationScript::script).toList();
    }
}
