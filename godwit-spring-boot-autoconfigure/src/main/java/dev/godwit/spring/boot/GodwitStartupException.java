package dev.godwit.spring.boot;

import dev.godwit.api.GodwitException;
import dev.godwit.api.RunResult;

/**
 * A start-up migration ({@code godwit.mode=migrate}) that did not end in Done. {@link #result()} is the run's typed
 * result (its outcome, report, audit head); the message says why in Godwit's words, and what state it left.
 */
public class GodwitStartupException extends GodwitException {

    private final transient RunResult result;

    public GodwitStartupException(RunResult result) {
        super(result.exitCode(), "Godwit: the start-up migration (run " + result.runId() + ") did not complete (exit "
                + result.exitCode() + "): " + OutcomeText.of(result.outcome())
                + result.report().map(r -> "\n  report: " + r).orElse(""));
        this.result = result;
    }

    public RunResult result() {
        return result;
    }
}
