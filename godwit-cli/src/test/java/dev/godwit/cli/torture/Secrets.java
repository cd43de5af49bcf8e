package dev.godwit.cli.torture;

import java.util.List;

/**
 * The secrets every command of the suite runs with. They are long and unlike anything else in the output, so
 * that finding one anywhere (stdout, stderr, reports, the audit log, a backup manifest) can only mean a leak.
 */
final class Secrets {

    static final String PASSWORD = "Pw-torture-5ecret-Qx7Zr2";
    /** 32 bytes, base64: a real backup key (docs/backups.md). */
    static final String BACKUP_KEY = "VG9ydHVyZUJhY2t1cEtleS0zMmJ5dGVzLWxvbmchISE=";
    /** The key's 32 bytes as text: a leak of the decoded key would show this. */
    static final String BACKUP_KEY_BYTES = "TortureBackupKey-32bytes-long!!!";
    static final String AUDIT_KEY = "audit-key-torture-9Kd3Lm";

    static final List<String> ALL = List.of(PASSWORD, BACKUP_KEY, BACKUP_KEY_BYTES, AUDIT_KEY);

    private Secrets() {}

    /** The secret {@code text} contains, or null. */
    static String leakedIn(String text) {
        for (String s : ALL) {
            if (text != null && text.contains(s)) {
                return s;
            }
        }
        return null;
    }
}
