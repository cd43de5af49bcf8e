package dev.godwit.snapshot;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Names of copies: {@code s_<yyyyMMddHHmmss>_<table>_<n>}, lower-case ASCII letters, digits and underscores
 * only, so they need no quoting anywhere, and at most 63 bytes (PostgreSQL's NAMEDATALEN - 1; longer names
 * would be cut silently by the server and could collide).
 */
final class SnapshotNames {

    static final int MAX_BYTES = 63;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private SnapshotNames() {}

    /** The name for the {@code n}-th copy from {@code table} at {@code at}. */
    static String name(Instant at, String table, int n) {
        String head = "s_" + STAMP.format(at) + "_";
        String tail = "_" + n;
        String middle = clean(table);
        int room = MAX_BYTES - head.length() - tail.length();
        if (middle.length() > room) {
            middle = middle.substring(0, room);
        }
        String name = head + middle + tail;
        assert name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
        return name;
    }

    /** {@code Ledger Entries} → {@code ledger_entries}; {@code Straße} → {@code stra_e}; nothing left → {@code t}. */
    static String clean(String table) {
        StringBuilder sb = new StringBuilder();
        for (char ch : table.toCharArray()) {
            char lower = ch >= 'A' && ch <= 'Z' ? (char) (ch + ('a' - 'A')) : ch;
            boolean plain = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '_';
            sb.append(plain ? lower : '_');
        }
        return sb.length() == 0 ? "t" : sb.toString();
    }
}
