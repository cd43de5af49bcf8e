package dev.godwit.integrity;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What an invariant's query returned: its row count, a digest of every row (so that {@code unchanged} can
 * compare results of any size without holding them), and the first rows as evidence.
 *
 * @param rows the first {@link #EVIDENCE_ROWS} rows, each as {@code column=value} text
 * @param first the first column of the first row, when there is a row (Optional.empty() inside for NULL)
 */
public record QueryValue(long rowCount, int columnCount, String digest, List<String> rows,
                         Optional<Optional<String>> first) {

    public static final int EVIDENCE_ROWS = 10;

    public QueryValue {
        rows = List.copyOf(rows);
    }

    static QueryValue run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            s.setFetchSize(1000); // inside a transaction, a large result streams through the digest
            try (ResultSet rs = s.executeQuery(sql)) {
                return read(rs);
            }
        }
    }

    static QueryValue read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int columns = md.getColumnCount();
        MessageDigest digest = sha256();
        List<String> shown = new ArrayList<>();
        Optional<Optional<String>> first = Optional.empty();
        long count = 0;
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
                String v = rs.getString(i);
                if (count == 0 && i == 1) {
                    first = Optional.of(Optional.ofNullable(v));
                }
                // Length-prefixed, so that ("a", "bc") and ("ab", "c") differ; NULL is not the text "null".
                String cell = v == null ? "-1:" : v.length() + ":" + v;
                digest.update(cell.getBytes(StandardCharsets.UTF_8));
                if (shown.size() < EVIDENCE_ROWS) {
                    row.append(i == 1 ? "" : ", ").append(md.getColumnLabel(i)).append('=').append(v == null ? "NULL" : v);
                }
            }
            digest.update((byte) '\n');
            if (shown.size() < EVIDENCE_ROWS) {
                shown.add(row.toString());
            }
            count++;
        }
        return new QueryValue(count, columns, HexFormat.of().formatHex(digest.digest()), shown, first);
    }

    /** The one value of a one-row, one-column result (empty inside for NULL); empty when it is not one value. */
    public Optional<Optional<String>> scalar() {
        return rowCount == 1 && columnCount == 1 ? first : Optional.empty();
    }

    /** The one value as a number, NULL (or no row) counting as zero; empty when it is not one number. */
    Optional<BigDecimal> numberOrZero() {
        if (rowCount == 0 && columnCount == 1) {
            return Optional.of(BigDecimal.ZERO);
        }
        Optional<Optional<String>> s = scalar();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        return s.get().isEmpty() ? Optional.of(BigDecimal.ZERO) : number(s.get().get());
    }

    /** The same result: one number equal to the other (1.0 = 1.00), or the same rows. */
    boolean sameAs(QueryValue other) {
        Optional<BigDecimal> a = scalar().flatMap(v -> v.flatMap(QueryValue::number));
        Optional<BigDecimal> b = other.scalar().flatMap(v -> v.flatMap(QueryValue::number));
        if (a.isPresent() && b.isPresent()) {
            return a.get().compareTo(b.get()) == 0;
        }
        return rowCount == other.rowCount && digest.equals(other.digest);
    }

    /** How a person sees it in a table: the value, NULL, or "3 rows". */
    public String display() {
        Optional<Optional<String>> s = scalar();
        if (s.isPresent()) {
            return s.get().orElse("NULL");
        }
        return rowCount + (rowCount == 1 ? " row" : " rows");
    }

    /**
     * The same, for what {@code e} judges: {@code no_rows} is about how many rows there are, so one offending row
     * shows as "1 row", not as its first column (an id of 2 read "after 2").
     */
    public String display(dev.godwit.config.Expectation e) {
        if (e.kind() == dev.godwit.config.Expectation.Kind.NO_ROWS) {
            return rowCount + (rowCount == 1 ? " row" : " rows");
        }
        return display();
    }

    static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * Whether this value meets {@code e} on its own (not for {@code unchanged}). A NULL counts as zero, as an empty
     * {@code sum()} does.
     */
    boolean meets(dev.godwit.config.Expectation e) {
        return switch (e.kind()) {
            case NO_ROWS -> rowCount() == 0;
            case ZERO -> numberOrZero().map(n -> n.signum() == 0).orElse(false);
            case NONNEGATIVE -> numberOrZero().map(n -> n.signum() >= 0).orElse(false);
            case EQUALS -> scalar().map(s -> equalsValue(s, e.value())).orElse(false);
            case UNCHANGED -> true;
        };
    }

    private static boolean equalsValue(Optional<String> scalar, String value) {
        if (scalar.isEmpty()) {
            return value.equalsIgnoreCase("null");
        }
        Optional<BigDecimal> a = number(scalar.get());
        Optional<BigDecimal> b = number(value);
        if (a.isPresent() && b.isPresent()) {
            return a.get().compareTo(b.get()) == 0;
        }
        return scalar.get().equals(value);
    }
}
