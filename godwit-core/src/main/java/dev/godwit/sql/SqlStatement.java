package dev.godwit.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One statement of a file, as PostgreSQL will receive it.
 *
 * @param text        the exact source from the first significant token through the last one before the
 *                    terminating {@code ;} (the {@code ;}, and whitespace or comments around the statement, are
 *                    not part of it; comments inside it are)
 * @param line        1-based line of the first character of {@code text}
 * @param column      1-based column of the first character of {@code text}
 * @param startOffset offset of {@code text} in the file
 * @param endOffset   offset just past {@code text}: {@code text.equals(file.substring(startOffset, endOffset))}
 * @param tokens      the tokens of {@code text}, comments and whitespace inside it included
 */
public record SqlStatement(String text, int line, int column, int startOffset, int endOffset, List<Token> tokens) {

    private static final int SUMMARY_LENGTH = 80;

    public SqlStatement {
        Objects.requireNonNull(text, "text");
        tokens = List.copyOf(tokens);
    }

    /** The unquoted words (keywords and names), upper-cased, in order: what classification looks at. */
    public List<String> words() {
        return words(Integer.MAX_VALUE);
    }

    /** The first {@code max} of {@link #words()}: for a look at the head without upper-casing the whole statement. */
    public List<String> words(int max) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < tokens.size() && words.size() < max; i++) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.IDENTIFIER) {
                words.add(t.text().toUpperCase(Locale.ROOT));
            }
        }
        return words;
    }

    /** The first line of the text, at most 80 characters, ending in "…" when anything was left out. */
    public String summary() {
        int newline = firstLineBreak(text);
        String first = (newline < 0 ? text : text.substring(0, newline)).stripTrailing();
        boolean cut = newline >= 0 || first.length() > SUMMARY_LENGTH;
        if (!cut) {
            return first;
        }
        if (first.length() > SUMMARY_LENGTH - 1) {
            first = first.substring(0, SUMMARY_LENGTH - 1).stripTrailing();
        }
        return first + "…";
    }

    /** indexOf, not a charAt loop: every finding's message names its statement this way. */
    private static int firstLineBreak(String s) {
        int n = s.indexOf('\n');
        if (n < 0) {
            return s.indexOf('\r');
        }
        return s.lastIndexOf('\r', n) < 0 ? n : s.indexOf('\r'); // a \r before the first \n comes first
    }
}
