package dev.godwit.s3;

import dev.godwit.backup.BackupException;
import dev.godwit.config.BackupLocation;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The SDK's failures in the user's words: which bucket, what was being done, what to change. The three that are
 * not a passing fault get their own sentence: credentials refused or missing, and a bucket that does not exist.
 */
final class Errors {

    private static final Set<String> REFUSED = Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
            "InvalidToken", "ExpiredToken", "AllAccessDisabled");

    private final BackupLocation location;

    Errors(BackupLocation location) {
        this.location = location;
    }

    BackupException of(String doing, String what, SdkException e) {
        String at = " (" + S3Store.endpoint(location) + ")";
        if (e instanceof S3Exception s) {
            String code = s.awsErrorDetails() == null ? "" : s.awsErrorDetails().errorCode();
            if (noBucket(s)) {
                return BackupException.failed("the bucket " + location.bucket() + " does not exist" + at + " ("
                        + doing + " " + what + "): create it, or set [backup] location (and s3_endpoint, s3_region)"
                        + " to the bucket that holds the backups");
            }
            if (s.statusCode() == 403 || REFUSED.contains(code)) {
                return BackupException.failed("the bucket " + location.bucket() + at + " refused Godwit's credentials"
                        + " (" + s.statusCode() + " " + code + ") when " + doing + " " + what + ": check the access key"
                        + " ([backup] s3_access_key_id and s3_secret_access_key_file, s3_profile, or AWS_ACCESS_KEY_ID"
                        + " and AWS_SECRET_ACCESS_KEY) and that it may list, get, put and delete objects and abort"
                        + " multipart uploads in " + location.display());
            }
            return BackupException.failed(doing + " " + what + at + " failed: " + s.statusCode() + " " + code + " "
                    + firstLine(s.awsErrorDetails() == null ? s.getMessage() : s.awsErrorDetails().errorMessage()));
        }
        String m = firstLine(e.getMessage());
        if (e instanceof SdkClientException && m.contains("credentials")) {
            return BackupException.failed("no credentials for " + location.display() + at + ": set AWS_ACCESS_KEY_ID"
                    + " and AWS_SECRET_ACCESS_KEY, or [backup] s3_profile, or s3_access_key_id with"
                    + " s3_secret_access_key_file (" + doing + " " + what + ")");
        }
        return BackupException.failed(doing + " " + what + at + " failed: " + m + "; check [backup] s3_endpoint and"
                + " that the service is reachable");
    }

    static boolean noBucket(S3Exception s) {
        return s.awsErrorDetails() != null && "NoSuchBucket".equals(s.awsErrorDetails().errorCode());
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
