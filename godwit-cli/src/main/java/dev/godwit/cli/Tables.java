package dev.godwit.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Plain-text tables for terminals: columns padded to their widest cell, colour codes not counted. */
public final class Tables {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Tables() {}

    public static String time(Instant t) {
        return TIME.format(t);
    }

    public static void print(Output o, List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] width = new int[columns];
        for (List<String> r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], visible(r.get(i)));
            }
        }
        for (int n = 0; n < rows.size(); n++) {
            StringBuilder sb = new StringBuilder("  ");
            List<String> r = rows.get(n);
            for (int i = 0; i < columns; i++) {
                String cell = n == 0 ? o.bold(r.get(i)) : r.get(i);
                sb.append(cell);
                if (i < columns - 1) {
                    sb.append(" ".repeat(width[i] - visible(r.get(i)) + 2));
                }
            }
            o.line(sb.toString().stripTrailing());
        }
    }

    private static int visible(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }
}
