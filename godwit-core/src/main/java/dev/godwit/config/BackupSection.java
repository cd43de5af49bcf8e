package dev.godwit.config;

import java.time.Duration;

/**
 * {@code [backup]}: where backups go, when {@code migrate} takes one, which {@code pg_dump} to use, the key
 * file, retention. The key itself is never here: {@code GODWIT_BACKUP_KEY} or the file {@code key_file} names.
 */
record BackupSection(String dir, Boolean beforeMigrate, Boolean deepVerify, String pgBinDir, String keyFile,
                     Integer keepLast, Duration maxAge, Integer jobs, String encryption) implements Section {

    @Override
    public void check(Where where) throws ConfigException {
        for (String[] kv : new String[][] {{"dir", dir}, {"pg_bin_dir", pgBinDir}, {"key_file", keyFile}}) {
            if (kv[1] != null && kv[1].isBlank()) {
                throw new ConfigException(where.key(kv[0]) + " must name a path, not an empty string");
            }
        }
        if (keepLast != null && keepLast < 0) {
            throw new ConfigException(where.key("keep_last") + " must be 0 (no limit) or more, not " + keepLast);
        }
        if (maxAge != null && maxAge.isNegative()) {
            throw new ConfigException(where.key("max_age") + " must not be negative");
        }
        if (encryption != null && !java.util.Set.of("auto", "required", "none").contains(encryption)) {
            throw new ConfigException(where.key("encryption") + " must be auto, required or none, not '" + encryption
                    + "'");
        }
        if (jobs != null && (jobs < 1 || jobs > 64)) {
            throw new ConfigException(where.key("jobs") + " must be from 1 (one custom-format file) to 64, not "
                    + jobs);
        }
    }
}
