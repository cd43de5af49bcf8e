package dev.godwit.cli;

/** The exit codes, the same for every command (README "Exit codes"). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int LOCK_TIMEOUT = 3;
    public static final int VALIDATION = 4;
    public static final int SAFETY_GATE = 5;
    public static final int INTEGRITY = 6;
    public static final int BACKUP = 7;
    public static final int NOT_READY = 8;
    public static final int INTERNAL = 10;

    private ExitCodes() {}
}
