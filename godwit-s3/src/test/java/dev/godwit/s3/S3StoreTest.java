package dev.godwit.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.godwit.backup.BackupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of the S3 store that need no server; the whole store is tested against S3Mock by BackupS3CliIT. */
class S3StoreTest {

    @TempDir
    Path dir;

    @Test
    void partsGrowSoThatTenThousandHoldOver400Gb() {
        assertThat(MultipartUpload.partSize(1)).isEqualTo(8 << 20);
        assertThat(MultipartUpload.partSize(1000)).isEqualTo(8 << 20);
        assertThat(MultipartUpload.partSize(1001)).isEqualTo(16 << 20);
        long total = 0;
        for (int n = 1; n <= 10_000; n++) {
            total += MultipartUpload.partSize(n);
        }
        assertThat(total).isGreaterThan(400L << 30);
        assertThat(MultipartUpload.partSize(10_000)).isLessThan(Integer.MAX_VALUE / 2);
    }

    @Test
    void theSecretFileIsReadOnlyWhenPrivateAndNeverEchoed() throws Exception {
        Path f = dir.resolve("s3.secret");
        Files.writeString(f, "  very-secret-value \n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        assertThat(S3Store.secret(f)).isEqualTo("very-secret-value");

        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> S3Store.secret(f)).isInstanceOf(BackupException.class)
                .hasMessageContaining("may be read by other users").hasMessageContaining("chmod 600")
                .hasMessageNotContaining("very-secret-value")
                .satisfies(e -> assertThat(((BackupException) e).kind()).isEqualTo(BackupException.Kind.REFUSED));
        assertThatThrownBy(() -> S3Store.secret(dir.resolve("missing"))).hasMessageContaining("does not exist");
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> S3Store.secret(empty)).hasMessageContaining("is empty");
    }
}
