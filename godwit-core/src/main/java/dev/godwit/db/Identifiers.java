package dev.godwit.db;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Quotes identifiers exactly as PostgreSQL's {@code quote_ident} does, so that generated SQL reads like
 * hand-written SQL (bare where possible) and is still safe for any name.
 */
public final class Identifiers {

    // Not '$': the grammar allows it after the first character, but quote_ident quotes it, and we match
    // quote_ident so that names compare equal to what the server prints.
    private static final Pattern BARE = Pattern.compile("[a-z_][a-z0-9_]*");

    /**
     * Keywords that quote_ident quotes: every category except "unreserved" (reserved, column-name and
     * type/function-name keywords), as listed by PostgreSQL 15's {@code pg_get_keywords()}.
     */
    private static final Set<String> KEYWORDS = Set.of(
            // reserved
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date",
            "current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc",
            "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant",
            "group", "having", "in", "initially", "intersect", "into", "lateral", "leading", "limit", "localtime",
            "localtimestamp", "not", "null", "offset", "on", "only", "or", "order", "placing", "primary",
            "references", "returning", "select", "session_user", "some", "symmetric", "table", "then", "to",
            "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where", "window", "with",
            // type or function names
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose",
            // column names
            "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
            "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval", "least",
            "national", "nchar", "none", "normalize", "nullif", "numeric", "out", "overlay", "position",
            "precision", "real", "row", "setof", "smallint", "substring", "time", "timestamp", "treat", "trim",
            "values", "varchar", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest",
            "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable");

    private Identifiers() {}

    /** {@code orders} stays bare; {@code Orders}, {@code order} and {@code my"table} are double-quoted. */
    public static String quote(String ident) {
        Objects.requireNonNull(ident, "ident");
        if (BARE.matcher(ident).matches() && !KEYWORDS.contains(ident)) {
            return ident;
        }
        return '"' + ident.replace("\"", "\"\"") + '"';
    }

    /** {@code schema.name}, each part quoted as needed. */
    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }
}
