package dev.godwit.backup;

import java.io.IOException;

/**
 * A backup file that is not what was written: changed, cut short, not a backup, or encrypted with another
 * key. An {@link IOException} so that it travels through the streams that read the file.
 */
public final class BackupDamaged extends IOException {

    private static final long serialVersionUID = 1L;

    public BackupDamaged(String message) {
        super(message);
    }
}
