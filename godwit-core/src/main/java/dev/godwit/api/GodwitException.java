package dev.godwit.api;

import dev.godwit.run.Problem;
import java.util.List;

/**
 * A command that could not do what was asked: bad settings (exit 2), a refusal (separation of duties, a protected
 * clean, a read-only target), a lock held by another run (exit 3), files that do not validate (exit 4), a database
 * that cannot be reached. The message says what went wrong and what to do next, without passwords or keys; the exit
 * code is the one the CLI exits with for the same case.
 */
public class GodwitException extends RuntimeException {

    private final int exitCode;
    private final List<Problem> problems;

    public GodwitException(int exitCode, String message) {
        this(exitCode, message, List.of(), null);
    }

    public GodwitException(int exitCode, String message, List<Problem> problems, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.problems = List.copyOf(problems);
    }

    /** The exit code the CLI prints for this case ({@link ExitCode}). */
    public int exitCode() {
        return exitCode;
    }

    /** The problems behind it, one per file and line where they have one; empty when the message says it all. */
    public List<Problem> problems() {
        return problems;
    }
}
