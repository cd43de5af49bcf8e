package dev.godwit.backup;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** Backup ids: {@code 20261121T074501Z-k3x9qa}, the UTC time then six random letters; they sort by time. */
public final class BackupId {

    static final Pattern PATTERN = Pattern.compile("\\d{8}T\\d{6}Z-[a-z2-7]{6}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private BackupId() {}

    public static String next(Instant now) {
        StringBuilder sb = new StringBuilder(TIME.format(now.truncatedTo(ChronoUnit.SECONDS))).append('-');
        for (int i = 0; i < 6; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
