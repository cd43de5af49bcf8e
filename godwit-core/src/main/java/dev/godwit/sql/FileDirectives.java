package dev.godwit.sql;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@code -- godwit:...} directives of one migration file. */
public record FileDirectives(
        boolean noTransaction,
        Optional<Duration> lockTimeout,
        Optional<Duration> statementTimeout,
        List<Allow> allows,
        List<InvariantDirective> invariants,
        List<ExpectChange> expectChanges,
        Optional<BatchDirective> batch) {

    public FileDirectives {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        allows = List.copyOf(allows);
        invariants = List.copyOf(invariants);
        expectChanges = List.copyOf(expectChanges);
        Objects.requireNonNull(batch, "batch");
    }

    /** A file without directives. */
    public static FileDirectives none() {
        return new FileDirectives(false, Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(),
                Optional.empty());
    }
}
