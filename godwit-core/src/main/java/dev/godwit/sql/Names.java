package dev.godwit.sql;

/** Names as PostgreSQL stores them, from names as written. */
public final class Names {

    private Names() {}

    /**
     * {@code Note} → {@code note} (unquoted names fold to lower case; PostgreSQL folds ASCII letters only),
     * {@code "Note"} → {@code Note}, {@code "a""b"} → {@code a"b}.
     */
    public static String unquote(String written) {
        if (written.length() >= 2 && written.startsWith("\"") && written.endsWith("\"")) {
            return written.substring(1, written.length() - 1).replace("\"\"", "\"");
        }
        if (!hasAsciiUpperCase(written)) {
            return written; // already folded: most names are written in lower case
        }
        StringBuilder sb = new StringBuilder(written.length());
        for (char ch : written.toCharArray()) {
            sb.append(ch >= 'A' && ch <= 'Z' ? (char) (ch + ('a' - 'A')) : ch);
        }
        return sb.toString();
    }

    private static boolean hasAsciiUpperCase(String s) {
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            if (ch >= 'A' && ch <= 'Z') {
                return true;
            }
        }
        return false;
    }

    /** The last part of a qualified name as written ({@code s."My T"} → {@code My T}), unquoted. */
    public static String relationName(String qualifiedAsWritten) {
        int cut = lastDotOutsideQuotes(qualifiedAsWritten);
        return unquote(qualifiedAsWritten.substring(cut + 1));
    }

    private static int lastDotOutsideQuotes(String s) {
        boolean quoted = false;
        int last = -1;
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == '.' && !quoted) {
                last = k;
            }
        }
        return last;
    }
}
