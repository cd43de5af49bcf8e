package dev.godwit.cli;

import dev.godwit.api.ExitCode;

/** The exit codes, the same for every command (README "Exit codes"): the API's, by their CLI names. */
public final class ExitCodes {
    public static final int OK = ExitCode.OK;
    public static final int FAILED = ExitCode.FAILED;
    public static final int USAGE = ExitCode.USAGE;
    public static final int LOCK_TIMEOUT = ExitCode.LOCK_TIMEOUT;
    public static final int VALIDATION = ExitCode.VALIDATION;
    public static final int SAFETY_GATE = ExitCode.SAFETY_GATE;
    public static final int INTEGRITY = ExitCode.INTEGRITY;
    public static final int BACKUP = ExitCode.BACKUP;
    public static final int NOT_READY = ExitCode.NOT_READY;
    public static final int AWAIT_TIMEOUT = ExitCode.AWAIT_TIMEOUT;
    public static final int INTERNAL = ExitCode.INTERNAL;
    public static final int HOOK_FAILED = ExitCode.HOOK_FAILED;

    private ExitCodes() {}
}
