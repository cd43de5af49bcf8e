package dev.godwit.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a migration's normalised text: BOM removed and every line ending written as {@code \n},
 * so a CRLF checkout or an editor that adds a BOM does not turn into a false checksum mismatch.
 */
public final class Checksums {

    private Checksums() {}

    public static String normalize(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return t.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The checksum of {@code text}, normalised first; 64 lower-case hex digits. */
    public static String sha256(String text) {
        return sha256(normalize(text).getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
