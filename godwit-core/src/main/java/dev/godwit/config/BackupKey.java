package dev.godwit.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 32-byte key that encrypts backups, from {@code GODWIT_BACKUP_KEY} or a key file. Both hold the key as
 * text: 64 hex digits, or base64 (standard or URL-safe, padding optional) of 32 bytes, e.g. the output of
 * {@code openssl rand -base64 32}. It prints as its key id only: the first 8 bytes of
 * HMAC-SHA256(key, "godwit backup key id"), which names a key without revealing it.
 */
public final class BackupKey {

    public static final String VARIABLE = "GODWIT_BACKUP_KEY";
    public static final int BYTES = 32;

    private final byte[] key;
    private final String id;
    private final String source;

    private BackupKey(byte[] key, String source) {
        this.key = key;
        this.source = source;
        this.id = HexFormat.of().formatHex(Arrays.copyOf(hmac(key, "godwit backup key id"), 8));
    }

    /** Reads a key written as hex or base64; {@code source} names where it came from, for messages. */
    public static BackupKey parse(String text, String source) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException(source + " is empty; it must hold a 32-byte key as 64 hex digits or"
                    + " as base64 (e.g. the output of `openssl rand -base64 32`)");
        }
        byte[] bytes = decode(t);
        if (bytes == null || bytes.length != BYTES) {
            String got = bytes == null ? "neither hex nor base64" : "base64 of " + bytes.length + " bytes";
            throw new IllegalArgumentException(source + " is not a 32-byte key (" + got + "); write 64 hex digits or"
                    + " base64 of 32 bytes, e.g. the output of `openssl rand -base64 32`");
        }
        return new BackupKey(bytes, source);
    }

    /**
     * Reads a key file. Like ssh with a private key, a file that its group or others may read or write is
     * refused: the key would no longer be a secret.
     */
    public static BackupKey fromFile(Path file) {
        String where = "the backup key file " + file;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(where + " does not exist or is not a file ([backup] key_file)");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new IllegalArgumentException(where + " may be read by other users (mode "
                        + java.nio.file.attribute.PosixFilePermissions.toString(perms) + "); run `chmod 600 " + file
                        + "` first");
            }
        } catch (UnsupportedOperationException notPosix) {
            // no POSIX modes here: the folder's own access rules protect the file
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + where + ": " + e.getMessage(), e);
        }
        try {
            return parse(Files.readString(file, StandardCharsets.US_ASCII), where);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + where + ": " + e.getMessage(), e);
        }
    }

    private static byte[] decode(String t) {
        if (t.matches("[0-9a-fA-F]{64}")) {
            return HexFormat.of().parseHex(t);
        }
        String b64 = t.replace('-', '+').replace('_', '/');
        try {
            return Base64.getDecoder().decode(b64.length() % 4 == 0 ? b64 : b64 + "=".repeat(4 - b64.length() % 4));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /** 16 hex digits naming this key; kept in each encrypted backup so a wrong key is named as such. */
    public String id() {
        return id;
    }

    /** Where the key came from: the variable or the file. */
    public String source() {
        return source;
    }

    /** HKDF-SHA256 (RFC 5869) of this key: one fresh subkey per backup file, from its random salt. */
    public byte[] derive(byte[] salt, String info) {
        byte[] prk = hmac(salt, key);
        byte[] t1 = hmac(prk, concat(info.getBytes(StandardCharsets.US_ASCII), new byte[] {1}));
        return Arrays.copyOf(t1, BYTES);
    }

    private static byte[] hmac(byte[] key, String data) {
        return hmac(key, data.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String toString() {
        return "BackupKey[" + id + " from " + source + "]";
    }
}
