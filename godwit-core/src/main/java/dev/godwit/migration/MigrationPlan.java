package dev.godwit.migration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files compared with the history table: each migration's state, the migrations the next
 * {@code migrate} would apply (in order), and every validation problem at once.
 *
 * @param entries what `status` shows, in version order, repeatable migrations last
 * @param pending what `migrate` applies, in order: versioned (up to the target), then changed repeatables
 * @param problems why `validate` fails; when not empty, `migrate` applies nothing
 * @param current the newest applied (or baselined) version, if any
 */
public record MigrationPlan(List<StatusEntry> entries, List<MigrationScript> pending, List<String> problems,
                            Optional<Version> current) {

    /**
     * @param contract which files are contract migrations ({@code -- godwit:phase contract}): one may run after
     *                 newer expand migrations without being out of order
     */
    public record Options(boolean outOfOrder, Optional<Version> target,
                          java.util.function.Predicate<MigrationScript> contract) {

        /** Without phases: no file is a contract migration. */
        public Options(boolean outOfOrder, Optional<Version> target) {
            this(outOfOrder, target, m -> false);
        }

        public static Options defaults() {
            return new Options(false, Optional.empty());
        }
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    public static MigrationPlan of(MigrationSet files, List<AppliedMigration> history, Options options) {
        return new Builder(files, history, options).build();
    }

    /** Holds the working state of one comparison; a fresh one per {@link #of} call. */
    private static final class Builder {
        private final MigrationSet files;
        private final Options options;
        private final Map<Version, AppliedMigration> lastByVersion = new LinkedHashMap<>();
        private final Map<String, AppliedMigration> lastRepeatable = new LinkedHashMap<>();
        private final List<StatusEntry> entries = new ArrayList<>();
        private final List<MigrationScript> pending = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();
        private Version baseline;
        private Version newestApplied;

        Builder(MigrationSet files, List<AppliedMigration> history, Options options) {
            this.files = files;
            this.options = options;
            history.stream().sorted(Comparator.comparingInt(AppliedMigration::rank)).forEach(this::remember);
        }

        /** The last row for a version wins: an undo row after an applied one makes it pending again. */
        private void remember(AppliedMigration row) {
            switch (row.kind()) {
                case REPEATABLE -> {
                    if (row.success()) {
                        lastRepeatable.put(row.description(), row);
                    }
                }
                case BASELINE -> {
                    baseline = row.version();
                    lastByVersion.put(row.version(), row);
                }
                case VERSIONED, UNDO -> lastByVersion.put(row.version(), row);
            }
        }

        MigrationPlan build() {
            files.problems().forEach(p -> problems.add(p.toString()));
            newestApplied = lastByVersion.values().stream()
                    .filter(r -> r.success() && r.kind() != MigrationKind.UNDO)
                    .map(AppliedMigration::version).max(Comparator.naturalOrder()).orElse(null);
            Version newestFile = files.versioned().stream().map(MigrationScript::version)
                    .max(Comparator.naturalOrder()).orElse(null);

            List<StatusEntry> versionedEntries = new ArrayList<>();
            for (MigrationScript f : files.versioned()) {
                versionedEntries.add(versionedEntry(f));
            }
            for (AppliedMigration row : lastByVersion.values()) {
                // A version rolled back and then deleted is simply gone.
                if (files.versioned(row.version()).isEmpty() && row.kind() != MigrationKind.UNDO) {
                    versionedEntries.add(rowWithoutFile(row, newestFile));
                }
            }
            versionedEntries.sort(Comparator.comparing(StatusEntry::version));
            entries.addAll(versionedEntries);
            repeatables();
            return new MigrationPlan(List.copyOf(entries), List.copyOf(pending), List.copyOf(problems),
                    Optional.ofNullable(newestApplied));
        }

        private StatusEntry versionedEntry(MigrationScript f) {
            AppliedMigration row = lastByVersion.get(f.version());
            MigrationState state;
            if (row != null && row.kind() == MigrationKind.BASELINE) {
                state = MigrationState.BELOW_BASELINE;
            } else if (row != null && row.kind() == MigrationKind.VERSIONED && !row.success()) {
                state = MigrationState.FAILED;
                problems.add(f.label() + " failed" + (row.failure() == null ? "" : " at " + row.failure())
                        + " and may be partly applied; fix the cause and the database, then run `godwit repair`"
                        + " to remove the failed row and migrate again");
            } else if (row != null && row.kind() == MigrationKind.VERSIONED) {
                state = checksumState(f, row);
            } else if (baseline != null && f.version().compareTo(baseline) <= 0) {
                state = MigrationState.BELOW_BASELINE;
            } else if (newestApplied != null && f.version().compareTo(newestApplied) < 0 && deferredContract(f)) {
                state = MigrationState.PENDING;
                addPending(f);
            } else if (newestApplied != null && f.version().compareTo(newestApplied) < 0) {
                state = MigrationState.OUT_OF_ORDER;
                if (options.outOfOrder()) {
                    addPending(f);
                } else {
                    problems.add(f.label() + " (" + f.script() + ") is not applied but is older than the newest applied"
                            + " version " + newestApplied + "; give it a newer version, or set out_of_order = true"
                            + " in [migrations] to apply it anyway");
                }
            } else {
                state = MigrationState.PENDING;
                addPending(f);
            }
            return new StatusEntry(f.kind(), f.version(), f.description(), state, Optional.of(f),
                    Optional.ofNullable(row));
        }

        /**
         * A contract migration whose release's expand (and later releases' expands) already ran: contract runs after
         * the old application version is gone, so it may lag behind expand migrations, but never behind a contract.
         */
        private boolean deferredContract(MigrationScript f) {
            if (!options.contract().test(f)) {
                return false;
            }
            for (AppliedMigration row : lastByVersion.values()) {
                if (row.kind() == MigrationKind.VERSIONED && row.success() && row.version().compareTo(f.version()) > 0
                        && files.versioned(row.version()).map(options.contract()::test).orElse(true)) {
                    return false;
                }
            }
            return true;
        }

        private void addPending(MigrationScript f) {
            if (options.target().map(t -> f.version().compareTo(t) <= 0).orElse(true)) {
                pending.add(f);
            }
        }

        private MigrationState checksumState(MigrationScript f, AppliedMigration row) {
            if (row.checksum() == null || row.checksum().equals(f.checksum())) {
                return MigrationState.APPLIED;
            }
            problems.add(f.label() + " (" + f.script() + ") was changed after it was applied (checksum "
                    + abbreviate(row.checksum()) + " applied, " + abbreviate(f.checksum()) + " on disk); revert"
                    + " the edit and put the change in a new migration, or, if the edit is harmless, run"
                    + " `godwit repair --accept-checksum " + f.version() + " --reason \"...\"`");
            return MigrationState.CHECKSUM_MISMATCH;
        }

        private StatusEntry rowWithoutFile(AppliedMigration row, Version newestFile) {
            MigrationState state;
            if (row.kind() == MigrationKind.BASELINE) {
                state = MigrationState.BASELINE;
            } else if (newestFile == null || row.version().compareTo(newestFile) > 0) {
                state = MigrationState.FUTURE;
            } else {
                state = MigrationState.MISSING_FILE;
                problems.add(row.label() + " (" + row.script() + ") is applied but its file is missing from the"
                        + " migration locations; restore the file (git history has it)");
            }
            return new StatusEntry(row.kind(), row.version(), row.description(), state, Optional.empty(),
                    Optional.of(row));
        }

        private void repeatables() {
            for (MigrationScript f : files.repeatable()) {
                AppliedMigration row = lastRepeatable.get(f.description());
                MigrationState state = row == null ? MigrationState.PENDING
                        : f.checksum().equals(row.checksum()) ? MigrationState.APPLIED : MigrationState.OUTDATED;
                if (state != MigrationState.APPLIED) {
                    pending.add(f);
                }
                entries.add(new StatusEntry(f.kind(), null, f.description(), state, Optional.of(f),
                        Optional.ofNullable(row)));
            }
            for (AppliedMigration row : lastRepeatable.values()) {
                if (files.repeatable(row.description()).isEmpty()) {
                    entries.add(new StatusEntry(row.kind(), null, row.description(), MigrationState.MISSING_FILE,
                            Optional.empty(), Optional.of(row)));
                    problems.add(row.label() + " (" + row.script() + ") is applied but its file is missing from the"
                            + " migration locations; restore the file (git history has it)");
                }
            }
        }

        private static String abbreviate(String checksum) {
            return checksum.length() > 12 ? checksum.substring(0, 12) : checksum;
        }
    }
}
