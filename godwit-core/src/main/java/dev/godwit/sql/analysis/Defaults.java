package dev.godwit.sql.analysis;

import dev.godwit.sql.Names;
import dev.godwit.sql.Token;
import dev.godwit.sql.TokenCursor;
import dev.godwit.sql.TokenType;
import java.util.Locale;
import java.util.Set;

/**
 * How volatile a DEFAULT expression is, from the functions it calls. PostgreSQL decides from {@code
 * pg_proc.provolatile}; without a server Godwit knows the built-in functions people put in defaults, and
 * calls anything else {@link Volatility#UNKNOWN} rather than guess.
 */
final class Defaults {

    private static final Set<String> VOLATILE = Set.of("random", "gen_random_uuid", "uuid_generate_v1",
            "uuid_generate_v1mc", "uuid_generate_v4", "clock_timestamp", "timeofday", "nextval", "setval",
            "txid_current", "pg_current_xact_id", "random_normal", "uuidv4", "uuidv7", "uuid_generate_v7");

    private static final Set<String> NOT_VOLATILE = Set.of("now", "statement_timestamp", "transaction_timestamp",
            "current_setting", "current_database", "current_schema", "lower", "upper", "coalesce", "nullif",
            "greatest", "least", "cast", "make_interval", "make_date", "make_timestamp", "make_timestamptz",
            "date_trunc", "to_jsonb", "to_json", "jsonb_build_object", "json_build_object", "jsonb_build_array",
            "json_build_array", "array", "row", "concat", "length", "abs", "round", "trunc", "to_timestamp",
            "to_date", "to_char", "timezone", "md5", "extract", "date_part", "btrim", "trim", "replace", "substr",
            "substring", "left", "right", "format", "jsonb", "json", "numeric", "interval", "pg_catalog");

    /** SQL value functions written without parentheses. */
    private static final Set<String> NO_PAREN_STABLE = Set.of("CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME",
            "LOCALTIMESTAMP", "LOCALTIME", "CURRENT_USER", "SESSION_USER", "USER", "CURRENT_ROLE", "CURRENT_CATALOG",
            "CURRENT_SCHEMA");

    private Defaults() {}

    /** The volatility of the expression in {@code c} (the whole slice). */
    static Volatility of(TokenCursor c) {
        Volatility worst = Volatility.CONSTANT;
        for (int k = 0; k < c.size(); k++) {
            Token t = c.get(k);
            if (t.type() == TokenType.OPERATOR && t.text().equals("::")) {
                k = skipTypeAfterCast(c, k + 1);
                continue;
            }
            if (t.type() != TokenType.IDENTIFIER && t.type() != TokenType.QUOTED_IDENTIFIER) {
                continue;
            }
            boolean call = k + 1 < c.size() && c.get(k + 1).type() == TokenType.PUNCTUATION
                    && c.get(k + 1).text().equals("(");
            if (call) {
                worst = max(worst, function(Names.unquote(t.text()).toLowerCase(Locale.ROOT)));
            } else if (t.type() == TokenType.IDENTIFIER && NO_PAREN_STABLE.contains(t.text().toUpperCase(Locale.ROOT))) {
                worst = max(worst, Volatility.STABLE);
            }
        }
        return worst;
    }

    static Volatility function(String name) {
        if (VOLATILE.contains(name)) {
            return Volatility.VOLATILE;
        }
        if (NOT_VOLATILE.contains(name) || !TypeName.of(name, java.util.List.of(), false, name).base().equals(name)) {
            return Volatility.STABLE; // known, or a type name used as a cast: numeric(…), int4(…)
        }
        return isTypeName(name) ? Volatility.CONSTANT : Volatility.UNKNOWN;
    }

    private static boolean isTypeName(String name) {
        return Set.of("varchar", "char", "text", "timestamp", "timestamptz", "time", "date", "bit", "uuid",
                "integer", "bigint", "smallint", "boolean", "float", "decimal").contains(name);
    }

    /** After {@code ::}: the type's words and modifiers, so that {@code ::varchar(10)} is not a call. */
    private static int skipTypeAfterCast(TokenCursor c, int k) {
        int depth = 0;
        for (; k < c.size(); k++) {
            Token t = c.get(k);
            boolean punct = t.type() == TokenType.PUNCTUATION;
            if (punct && (t.text().equals("(") || t.text().equals("["))) {
                depth++;
            } else if (punct && (t.text().equals(")") || t.text().equals("]"))) {
                if (depth == 0) {
                    return k - 1;
                }
                depth--;
            } else if (depth == 0 && !(TokenCursor.isNameToken(t) || punct && t.text().equals("."))) {
                return k - 1;
            }
        }
        return k;
    }

    private static Volatility max(Volatility a, Volatility b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
