package dev.godwit.config;

import java.time.Duration;

/**
 * {@code [backup]}: where backups go, when {@code migrate} takes one, which {@code pg_dump} to use, the key
 * file, retention. The key itself is never here: {@code GODWIT_BACKUP_KEY} or the file {@code key_file} names.
 */
record BackupSection(String dir, Boolean beforeMigrate, Boolean deepVerify, String pgBinDir, String keyFile,
                     Integer keepLast, Duration maxAge, Integer jobs, String encryption, String location,
                     String s3Endpoint, String s3Region, Boolean s3PathStyle, String s3Sse, String s3KmsKeyId,
                     String s3Profile, String s3AccessKeyId, String s3SecretAccessKeyFile) implements Section {

    /** No {@code [backup]} table: every key unset. */
    static BackupSection empty() {
        return new BackupSection(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

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
        checkLocation(where);
        if (jobs != null && (jobs < 1 || jobs > 64)) {
            throw new ConfigException(where.key("jobs") + " must be from 1 (one custom-format file) to 64, not "
                    + jobs);
        }
    }

    /** The {@code s3_*} keys only make sense with an s3:// location, and an access key id needs its secret's file. */
    private void checkLocation(Where where) throws ConfigException {
        if (location != null) {
            BackupLocation.parse(location, where.key("location"));
        }
        boolean any = s3Endpoint != null || s3Region != null || s3PathStyle != null || s3Sse != null
                || s3KmsKeyId != null || s3Profile != null || s3AccessKeyId != null || s3SecretAccessKeyFile != null;
        if (any && location == null) {
            throw new ConfigException(where.table() + " has s3_* keys but no location: set location = \"s3://bucket/"
                    + "prefix\" for backups in a bucket, or remove them");
        }
        if (s3Endpoint != null) {
            try {
                java.net.URI u = new java.net.URI(s3Endpoint.trim());
                if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
                    throw new java.net.URISyntaxException(s3Endpoint, "not http(s)://host[:port]");
                }
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException(where.key("s3_endpoint") + " must be http(s)://host[:port], not '"
                        + s3Endpoint + "'");
            }
        }
        if (s3Sse != null && !java.util.Set.of("AES256", "aws:kms").contains(s3Sse)) {
            throw new ConfigException(where.key("s3_sse") + " must be AES256 or aws:kms, not '" + s3Sse + "'");
        }
        if (s3KmsKeyId != null && !"aws:kms".equals(s3Sse)) {
            throw new ConfigException(where.key("s3_kms_key_id") + " goes with s3_sse = \"aws:kms\"");
        }
        if ((s3AccessKeyId == null) != (s3SecretAccessKeyFile == null)) {
            throw new ConfigException(where.table() + ": s3_access_key_id and s3_secret_access_key_file go together"
                    + " (the secret itself is never in this file); or set neither and let the AWS SDK find credentials"
                    + " (AWS_ACCESS_KEY_ID, a profile, a role)");
        }
        if (s3Profile != null && s3AccessKeyId != null) {
            throw new ConfigException(where.table() + ": s3_profile and s3_access_key_id are two sources of"
                    + " credentials; set one");
        }
    }
}
