package dev.godwit.sql;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code -- godwit:...} directives of one migration file.
 *
 * @param batch {@code -- godwit:batch ...}, when the file runs in batches (docs/backfills.md)
 * @param phase {@code -- godwit:phase expand|contract}, when the file says
 */
public record FileDirectives(
        boolean noTransaction,
        Optional<Duration> lockTimeout,
        Optional<Duration> statementTimeout,
        List<Allow> allows,
        List<InvariantDirective> invariants,
        List<ExpectChange> expectChanges,
        Optional<BatchDirective> batch,
        Optional<Phase> phase) {

    public FileDirectives {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        allows = List.copyOf(allows);
        invariants = List.copyOf(invariants);
        expectChanges = List.copyOf(expectChanges);
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(phase, "phase");
    }

    /** The file's phase: expand unless it says contract. */
    public Phase phaseOrDefault() {
        return phase.orElse(Phase.EXPAND);
    }

    /** A file without directives. */
    public static FileDirectives none() {
        return new FileDirectives(false, Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(),
                Optional.empty(), Optional.empty());
    }
}
