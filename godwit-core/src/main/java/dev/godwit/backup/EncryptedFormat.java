package dev.godwit.backup;

import dev.godwit.config.BackupKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The layout of an encrypted backup file (docs/backups.md describes it for decrypting by hand):
 *
 * <pre>
 * header, 54 bytes: "GODWITBK" | version 1 (1 byte) | flags 0 (1 byte) | chunk size (4 bytes, big-endian)
 *                   | key id (8 bytes) | salt (32 random bytes)
 * chunks:           AES-256-GCM of each chunk-size piece of the dump, 16-byte tag appended; the last chunk
 *                   holds 0..chunk-size bytes and is the only one marked final
 * </pre>
 *
 * Each file gets its own key: HKDF-SHA256(backup key, salt, "godwit backup v1"). A chunk's 12-byte nonce is
 * its final flag (1 byte: 1 for the last chunk, else 0), three zero bytes and its number (8 bytes, big-endian,
 * from 0); the header is the additional authenticated data of every chunk. So a changed byte anywhere, a
 * reordered, dropped or repeated chunk, and a file cut at any point all fail authentication.
 */
final class EncryptedFormat {

    static final byte[] MAGIC = "GODWITBK".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER_BYTES = 54;
    static final int TAG_BYTES = 16;
    static final int DEFAULT_CHUNK = 1 << 20;
    private static final String INFO = "godwit backup v1";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A parsed header; {@code bytes} are the exact 54 bytes, the AAD of every chunk. */
    record Header(byte[] bytes, int chunkSize, String keyId, byte[] salt) {

        static Header fresh(BackupKey key, int chunkSize) {
            byte[] salt = new byte[32];
            RANDOM.nextBytes(salt);
            ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
            b.put(MAGIC).put((byte) VERSION).put((byte) 0).putInt(chunkSize).put(HexFormat.of().parseHex(key.id()))
                    .put(salt);
            return new Header(b.array(), chunkSize, key.id(), salt);
        }

        /** Reads a header, or says in words why these bytes are not one. */
        static Header parse(byte[] bytes, int got) throws BackupDamaged {
            if (got < HEADER_BYTES || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
                throw new BackupDamaged("it does not start with an encrypted Godwit backup header (\"GODWITBK\")"
                        + (got < HEADER_BYTES ? ": the file is only " + got + " bytes long" : ""));
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            b.position(MAGIC.length);
            int version = b.get();
            b.get();
            int chunk = b.getInt();
            if (version != VERSION) {
                throw new BackupDamaged("its encryption format is version " + version + "; this Godwit reads version "
                        + VERSION);
            }
            if (chunk < 1 || chunk > (64 << 20)) {
                throw new BackupDamaged("its header names an impossible chunk size (" + chunk + ")");
            }
            byte[] id = new byte[8];
            b.get(id);
            byte[] salt = new byte[32];
            b.get(salt);
            return new Header(Arrays.copyOf(bytes, HEADER_BYTES), chunk, HexFormat.of().formatHex(id), salt);
        }
    }

    private EncryptedFormat() {}

    static Cipher cipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is missing from this JDK", e);
        }
    }

    static SecretKeySpec fileKey(BackupKey key, Header h) {
        return new SecretKeySpec(key.derive(h.salt(), INFO), "AES");
    }

    /** Sets {@code cipher} up for chunk number {@code index}, with the header as AAD. */
    static void init(Cipher cipher, int mode, SecretKeySpec key, Header h, long index, boolean last)
            throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        nonce[0] = (byte) (last ? 1 : 0);
        ByteBuffer.wrap(nonce, 4, 8).putLong(index);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD(h.bytes());
    }
}
