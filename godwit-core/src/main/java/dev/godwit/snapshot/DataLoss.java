package dev.godwit.snapshot;

import dev.godwit.sql.TokenCursor;

import dev.godwit.sql.SqlStatement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a statement would destroy, found from its tokens without a database.
 *
 * @param kind              what kind of destruction
 * @param table             the table as written, possibly schema-qualified and quoted ({@code s."T"})
 * @param columns           the columns whose values are lost, as PostgreSQL stores their names (unquoted,
 *                          folded); empty means whole rows
 * @param where             for UPDATE / DELETE: the WHERE condition as written, when the rows it picks can be
 *                          found by {@code select … from table [alias] where …}; empty means every row
 * @param alias             the alias the UPDATE / DELETE gives the table, which {@code where} may refer to
 * @param wholeTableBecause why every row is taken although the statement may touch fewer (FROM, USING, WITH,
 *                          WHERE CURRENT OF, MERGE, ON CONFLICT): said in {@link #describe()}, never guessed
 */
public record DataLoss(Kind kind, String table, List<String> columns, Optional<String> where,
        Optional<String> alias, Optional<String> wholeTableBecause) {

    private static final int CONDITION_SHOWN = 100;

    public enum Kind { DROP_TABLE, DROP_COLUMN, ALTER_COLUMN_TYPE, UPDATE, DELETE, TRUNCATE }

    public DataLoss {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(wholeTableBecause, "wholeTableBecause");
    }

    /** The shape the rest of Godwit codes against: no alias, nothing taken beyond what the statement says. */
    public DataLoss(Kind kind, String table, List<String> columns, Optional<String> where) {
        this(kind, table, columns, where, Optional.empty(), Optional.empty());
    }

    /**
     * Empty for statements that destroy nothing (CREATE, INSERT, ADD COLUMN, SELECT, RENAME, ...). One statement
     * may destroy several things: DROP TABLE a, b; ALTER TABLE t DROP COLUMN x, DROP COLUMN y; TRUNCATE a, b.
     */
    public static List<DataLoss> of(SqlStatement s) {
        TokenCursor c = new TokenCursor(s);
        if (c.isWord("DROP") || c.isWord("TRUNCATE") || c.isWord("ALTER")) {
            return DdlLosses.read(c);
        }
        return DmlLosses.read(c);
    }

    /** {@code DROP COLUMN accounts.note}, {@code DELETE FROM ledger_entries WHERE amount = 0}. */
    public String describe() {
        String what = switch (kind) {
            case DROP_TABLE -> "DROP TABLE " + table;
            case TRUNCATE -> "TRUNCATE " + table;
            case DROP_COLUMN -> "DROP COLUMN " + table + "." + String.join(", ", columns);
            case ALTER_COLUMN_TYPE -> "ALTER COLUMN " + table + "." + String.join(", ", columns) + " TYPE";
            case UPDATE -> "UPDATE " + table + (columns.isEmpty() ? "" : " SET " + String.join(", ", columns))
                    + condition();
            case DELETE -> "DELETE FROM " + table + condition();
        };
        return wholeTableBecause.map(why -> what + " (every row copied: " + why + ")").orElse(what);
    }

    private String condition() {
        return where.map(w -> {
            String flat = w.replaceAll("\\s+", " ").strip();
            return " WHERE " + (flat.length() > CONDITION_SHOWN ? flat.substring(0, CONDITION_SHOWN - 1) + "…" : flat);
        }).orElse("");
    }
}
