package dev.godwit.spring.boot;

import dev.godwit.api.ExitCode;
import dev.godwit.api.Godwit;
import dev.godwit.api.GodwitException;
import dev.godwit.api.MigrateOptions;
import dev.godwit.api.RunResult;
import dev.godwit.audit.Verification;
import dev.godwit.migration.MigrationScript;
import dev.godwit.plan.Phases;
import dev.godwit.plan.Planner;
import dev.godwit.sql.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The strategies of {@code godwit.mode}: what a start-up without a {@link GodwitMigrationStrategy} bean does. */
final class StartupModes {

    private static final Logger LOG = LoggerFactory.getLogger(StartupModes.class);

    private StartupModes() {}

    static GodwitMigrationStrategy of(GodwitProperties.Mode mode, String phaseOption) {
        Optional<Phase> phase;
        try {
            phase = Phase.option(phaseOption);
        } catch (IllegalArgumentException e) {
            throw new GodwitException(ExitCode.USAGE, "Godwit: godwit.phase " + e.getMessage());
        }
        return switch (mode) {
            case VALIDATE -> godwit -> validate(godwit, phase);
            case MIGRATE -> godwit -> migrate(godwit, phase);
            case NONE -> godwit -> LOG.info("Godwit: godwit.mode=none, migrations not checked at start-up");
        };
    }

    /**
     * Starts only when the database is exactly at the files: nothing pending, history and checksums valid, the audit
     * chain intact. Otherwise a {@link GodwitException} (exit 4) with every problem, which fails start-up.
     */
    static void validate(Godwit godwit, Optional<Phase> phase) {
        Planner.Planned planned = godwit.validate();
        List<String> problems = new ArrayList<>(planned.problems());
        List<MigrationScript> pending = planned.plan().pending();
        if (phase.equals(Optional.of(Phase.EXPAND))) {
            // The new version starts after the expand phase; the contract waits for the old version to be gone.
            List<MigrationScript> later = pending.stream().filter(m -> Phases.of(m) == Phase.CONTRACT).toList();
            if (!later.isEmpty()) {
                LOG.info("Godwit: {} contract migration(s) pending, for after the old version is gone: {}",
                        later.size(), String.join(", ", later.stream().map(MigrationScript::script).toList()));
            }
            pending = pending.stream().filter(m -> Phases.of(m) != Phase.CONTRACT).toList();
        }
        if (!pending.isEmpty()) {
            problems.add(pending.size() + " migration(s) pending: " + String.join(", ",
                    pending.stream().map(MigrationScript::script).toList())
                    + "; apply them first (a migration Job, `godwit migrate`, or godwit.mode=migrate)");
        }
        Verification audit = godwit.audit().verify(Optional.empty());
        audit.firstBreak().ifPresent(b -> problems.add("the audit log does not verify at entry " + b.seq() + ": "
                + b.message() + " (`godwit audit verify` shows it)"));
        if (!problems.isEmpty()) {
            throw new GodwitException(ExitCode.VALIDATION, "Godwit: the database is not ready for this application ("
                    + "godwit.mode=validate):\n  - " + String.join("\n  - ", problems));
        }
        LOG.info("Godwit: validated, {} migration(s) applied, nothing pending", planned.history().size());
    }

    /** Applies what is pending with every guard; any outcome but Done fails start-up with its typed result. */
    static void migrate(Godwit godwit, Optional<Phase> phase) {
        MigrateOptions options = phase.map(MigrateOptions.defaults()::phase).orElse(MigrateOptions.defaults());
        RunResult result = godwit.migrate(options);
        if (!result.succeeded()) {
            throw new GodwitStartupException(result);
        }
        LOG.info("Godwit: migrated, run {}", result.runId());
    }

}
