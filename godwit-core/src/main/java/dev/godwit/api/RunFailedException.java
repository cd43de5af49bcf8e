package dev.godwit.api;

import dev.godwit.report.RunReports;

/** A run that did not end in {@code Done}, for callers that prefer an exception ({@link RunResult#orThrow()}). */
public final class RunFailedException extends GodwitException {

    private final transient RunResult result;

    public RunFailedException(RunResult result) {
        super(result.exitCode(), "the run " + result.runId() + " ended " + RunReports.outcomeWord(result.outcome())
                + result.report().map(r -> "; its report is " + r).orElse(""));
        this.result = result;
    }

    public RunResult result() {
        return result;
    }
}
