package dev.godwit.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How one link of the chain is hashed: hex of SHA-256, or of HMAC-SHA256 with the key, over
 * {@code prev_hash + "\n" + canonical row} in UTF-8. With a key, someone who can write the table but does not
 * hold the key cannot recompute the chain after an edit.
 */
final class Chain {

    /** The prev_hash of the first entry. */
    static final String GENESIS = "0".repeat(64);

    private final byte[] key; // null: plain SHA-256

    Chain(Optional<byte[]> key) {
        this.key = key.map(byte[]::clone).orElse(null);
        if (this.key != null && this.key.length == 0) {
            throw new IllegalArgumentException("the audit HMAC key is empty");
        }
    }

    boolean keyed() {
        return key != null;
    }

    String hash(String prevHash, String canonical) {
        return key == null ? plain(prevHash, canonical) : hmac(key, prevHash, canonical);
    }

    static String plain(String prevHash, String canonical) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(input(prevHash, canonical)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static String hmac(byte[] key, String prevHash, String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(input(prevHash, canonical)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static byte[] input(String prevHash, String canonical) {
        return (prevHash + "\n" + canonical).getBytes(StandardCharsets.UTF_8);
    }
}
