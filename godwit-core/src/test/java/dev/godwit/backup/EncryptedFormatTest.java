package dev.godwit.backup;

import dev.godwit.config.BackupKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The chunked AES-256-GCM format: round trips, and every kind of damage refused with a reason. */
class EncryptedFormatTest {

    static final BackupKey KEY = BackupKey.parse("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "test");
    static final BackupKey OTHER = BackupKey.parse("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "other");
    static final int CHUNK = 64;

    static byte[] encrypt(byte[] plain, BackupKey key) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EncryptingStream enc = new EncryptingStream(out, key, CHUNK)) {
            // uneven writes, to cross chunk boundaries in every way
            int i = 0;
            for (int step = 1; i < plain.length; step = step % 97 + 7) {
                int n = Math.min(step, plain.length - i);
                enc.write(plain, i, n);
                i += n;
            }
        }
        return out.toByteArray();
    }

    static byte[] decrypt(byte[] sealed, BackupKey key) throws IOException {
        try (DecryptingStream in = new DecryptingStream(new ByteArrayInputStream(sealed), key)) {
            return in.readAllBytes();
        }
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void roundTripsAnySizeIncludingEmptyAndExactChunkMultiples() throws IOException {
        for (int n : new int[] {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 1000}) {
            byte[] plain = random(n);
            byte[] sealed = encrypt(plain, KEY);
            int chunks = Math.max(1, (n + CHUNK - 1) / CHUNK);
            assertThat(sealed.length).as("size %d", n).isGreaterThanOrEqualTo(EncryptedFormat.HEADER_BYTES + 16 * chunks);
            assertThat(decrypt(sealed, KEY)).as("size %d", n).isEqualTo(plain);
        }
    }

    @Test
    void aWrongKeyIsNamedByItsIdBeforeAnyByteIsRead() throws IOException {
        byte[] sealed = encrypt(random(500), KEY);
        assertThatThrownBy(() -> decrypt(sealed, OTHER)).isInstanceOf(BackupDamaged.class)
                .hasMessageContaining(KEY.id()).hasMessageContaining(OTHER.id()).hasMessageContaining("other");
    }

    @Test
    void aSingleFlippedByteAnywhereFailsAuthentication() throws IOException {
        byte[] sealed = encrypt(random(300), KEY);
        for (int at : new int[] {9, 30, EncryptedFormat.HEADER_BYTES, EncryptedFormat.HEADER_BYTES + 100,
                sealed.length - 1}) {
            byte[] bad = sealed.clone();
            bad[at] ^= 0x01;
            assertThatThrownBy(() -> decrypt(bad, KEY)).as("byte %d", at).isInstanceOf(BackupDamaged.class);
        }
    }

    @Test
    void aFileCutAtAChunkBoundaryOrInsideAChunkIsRefused() throws IOException {
        byte[] sealed = encrypt(random(5 * CHUNK + 10), KEY);
        int boundary = EncryptedFormat.HEADER_BYTES + 2 * (CHUNK + 16);
        for (int len : new int[] {boundary, boundary + 20, sealed.length - 1, EncryptedFormat.HEADER_BYTES, 20}) {
            byte[] cut = Arrays.copyOf(sealed, len);
            assertThatThrownBy(() -> decrypt(cut, KEY)).as("cut at %d", len).isInstanceOf(BackupDamaged.class);
        }
    }

    @Test
    void twoEncryptionsOfTheSameDumpDifferAndAreSaltedPerFile() throws IOException {
        byte[] plain = random(200);
        assertThat(encrypt(plain, KEY)).isNotEqualTo(encrypt(plain, KEY));
    }

    @Test
    void keysAreReadAsHexOrBase64OfExactly32Bytes() {
        assertThat(BackupKey.parse("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8", "no padding").id()).isEqualTo(OTHER.id());
        assertThat(KEY.toString()).doesNotContain("00112233").contains(KEY.id());
        assertThatThrownBy(() -> BackupKey.parse("c2hvcnQ=", "GODWIT_BACKUP_KEY"))
                .hasMessageContaining("GODWIT_BACKUP_KEY is not a 32-byte key (base64 of 5 bytes)");
        assertThatThrownBy(() -> BackupKey.parse("not a key!", "GODWIT_BACKUP_KEY"))
                .hasMessageContaining("neither hex nor base64");
        assertThatThrownBy(() -> BackupKey.parse("  ", "GODWIT_BACKUP_KEY")).hasMessageContaining("is empty");
    }
}
