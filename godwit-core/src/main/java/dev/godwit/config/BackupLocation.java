package dev.godwit.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code [backup] location = "s3://bucket/prefix"}: backups in an S3-compatible bucket instead of the folder
 * {@code [backup] dir}. Only the names of secrets are here: the secret access key stays in the file
 * {@code s3_secret_access_key_file} names (read by the store when it opens, never kept in the config), or comes from
 * the AWS SDK's default chain (environment, profile, container or instance role).
 *
 * @param bucket               the bucket
 * @param prefix               the folder-like prefix inside it, without a trailing slash; empty: the bucket's root
 * @param endpoint             another S3-compatible service (MinIO, Ceph RGW, Cloudflare R2...); empty: AWS
 * @param region               the signing region; empty: the SDK's default chain (us-east-1 with an endpoint)
 * @param pathStyle            {@code https://host/bucket/key} instead of {@code https://bucket.host/key}
 * @param sse                  server-side encryption: {@code AES256} or {@code aws:kms}; empty: the bucket's default
 * @param kmsKeyId             with {@code aws:kms}: the KMS key; empty: the account's default key
 * @param profile              a profile of {@code ~/.aws/credentials}; empty: the default chain
 * @param accessKeyId          an access key id, with {@code secretAccessKeyFile}
 * @param secretAccessKeyFile  the file holding its secret (mode 600, like {@code key_file})
 */
public record BackupLocation(String bucket, String prefix, Optional<URI> endpoint, Optional<String> region,
                             boolean pathStyle, Optional<String> sse, Optional<String> kmsKeyId,
                             Optional<String> profile, Optional<String> accessKeyId,
                             Optional<Path> secretAccessKeyFile) {

    public static final String SCHEME = "s3";

    public BackupLocation {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
    }

    /** {@code s3://bucket/prefix/}, as messages name it. */
    public String display() {
        return SCHEME + "://" + bucket + "/" + (prefix.isEmpty() ? "" : prefix + "/");
    }

    /** The object key of {@code name} under the prefix. */
    public String key(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** Reads {@code s3://bucket[/prefix]}; the message says what is wrong with any other text. */
    static BackupLocation parse(String text, String where) throws ConfigException {
        String t = text.trim();
        if (!t.startsWith(SCHEME + "://")) {
            throw new ConfigException(where + " must be s3://bucket/prefix (an S3-compatible bucket), not '" + text
                    + "'; for a folder, set [backup] dir instead");
        }
        String rest = t.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+$", "");
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new ConfigException(where + ": '" + bucket + "' is not a bucket name (3 to 63 lower-case letters,"
                    + " digits, dots and hyphens)");
        }
        return new BackupLocation(bucket, prefix, Optional.empty(), Optional.empty(), false, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
