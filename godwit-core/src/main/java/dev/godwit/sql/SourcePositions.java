package dev.godwit.sql;

import java.util.Arrays;

/**
 * Turns character offsets into 1-based line and column. Line breaks are {@code \n}, {@code \r\n} and a lone
 * {@code \r}, the same characters that end a {@code --} comment in PostgreSQL.
 */
final class SourcePositions {

    private final int[] lineStarts;

    SourcePositions(String text) {
        this(text.toCharArray());
    }

    /** From the characters themselves: a file with one non-Latin-1 character makes every {@code charAt} slower. */
    SourcePositions(char[] text) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length; i++) {
            char c = text[i];
            boolean lineEnds = c == '\n' || (c == '\r' && (i + 1 >= text.length || text[i + 1] != '\n'));
            if (lineEnds) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /**
     * {@link #line}, for offsets read in increasing order: {@code from} is the line of an earlier offset, and
     * the answer is found by walking forward from it (a lexer asks for every token, so a search each time
     * showed up in profiles).
     */
    int lineFrom(int from, int offset) {
        int line = from;
        while (line < lineStarts.length && lineStarts[line] <= offset) {
            line++;
        }
        return line;
    }

    /** {@link #column} when {@code line} is already known to be the line of {@code offset}. */
    int columnOnLine(int line, int offset) {
        return offset - lineStarts[line - 1] + 1;
    }

    int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    SqlSyntaxException error(int offset, String problem) {
        return new SqlSyntaxException(line(offset), column(offset), problem);
    }
}
