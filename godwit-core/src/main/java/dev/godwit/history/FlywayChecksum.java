package dev.godwit.history;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Flyway's checksum of a SQL migration: CRC32 over the file's lines, each without its line ending, BOM
 * removed, as UTF-8. Godwit computes it only to prove, when importing a Flyway history, that the files on
 * disk are the ones Flyway applied.
 */
public final class FlywayChecksum {

    private FlywayChecksum() {}

    public static int of(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        CRC32 crc = new CRC32();
        for (String line : t.split("\r\n|\r|\n", -1)) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }
}
