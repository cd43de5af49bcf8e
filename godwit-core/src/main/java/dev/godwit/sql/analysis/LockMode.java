package dev.godwit.sql.analysis;

import java.util.Locale;

/**
 * PostgreSQL's eight table lock modes, weakest first, with the conflict table of the manual's "Explicit
 * Locking" chapter. What a mode blocks is said in words users can act on.
 */
public enum LockMode {
    ACCESS_SHARE("only ACCESS EXCLUSIVE locks (DROP, most ALTER TABLE)"),
    ROW_SHARE("only EXCLUSIVE and ACCESS EXCLUSIVE locks"),
    ROW_EXCLUSIVE("schema changes and explicit table locks; reads and writes go on"),
    SHARE_UPDATE_EXCLUSIVE("other schema changes, VACUUM and ANALYZE; reads and writes go on"),
    SHARE("writes (INSERT, UPDATE, DELETE); reads go on"),
    SHARE_ROW_EXCLUSIVE("writes (INSERT, UPDATE, DELETE) and other schema changes; reads go on"),
    EXCLUSIVE("writes and SELECT … FOR UPDATE; plain reads go on"),
    ACCESS_EXCLUSIVE("every read and write");

    /**
     * Row k lists the modes that mode k conflicts with, one bit per mode, weakest mode leftmost:
     * {@code AS RS RE SUE S SRE E AE}.
     */
    private static final int[] CONFLICTS = {
        0b0000_0001,
        0b0000_0011,
        0b0000_1111,
        0b0001_1111,
        0b0011_0111,
        0b0011_1111,
        0b0111_1111,
        0b1111_1111,
    };

    private final String blocks;

    LockMode(String blocks) {
        this.blocks = blocks;
    }

    /** {@code ACCESS EXCLUSIVE}: the name the manual and {@code LOCK TABLE} use. */
    public String sqlName() {
        return name().replace('_', ' ');
    }

    /** {@code AccessExclusiveLock}: the name {@code pg_locks.mode} shows. */
    public String pgLocksName() {
        StringBuilder sb = new StringBuilder();
        for (String part : name().split("_")) {
            sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return sb.append("Lock").toString();
    }

    /** What this lock makes other sessions wait for, in words. */
    public String blocks() {
        return blocks;
    }

    public boolean conflictsWith(LockMode other) {
        return (CONFLICTS[ordinal()] & (1 << (7 - other.ordinal()))) != 0;
    }

    public LockMode max(LockMode other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** {@code LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE}: the words between IN and MODE. */
    public static java.util.Optional<LockMode> ofSqlName(String words) {
        String key = words.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", "_");
        for (LockMode m : values()) {
            if (m.name().equals(key)) {
                return java.util.Optional.of(m);
            }
        }
        return java.util.Optional.empty();
    }
}
