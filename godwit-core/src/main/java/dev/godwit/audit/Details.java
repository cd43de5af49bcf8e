package dev.godwit.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.godwit.db.Secrets;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a caller's details into JSON for the jsonb column. Keeping credentials out is the caller's job; as a
 * safety net every string (keys included) passes {@link Secrets#redactUrl}, so a connection URL with a password
 * in it is stored as {@code postgres://user:***@host}. Values that are not JSON types are stored as their
 * {@code toString()} (an Instant as ISO-8601, a Duration as PT1S, an enum as its name).
 */
final class Details {

    private static final int MAX_DEPTH = 32;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Details() {}

    static String json(Map<String, ?> details) {
        try {
            return MAPPER.writeValueAsString(value(details == null ? Map.of() : details, 0));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The CI identity as JSON; its values were redacted by {@link Actor#detect}, and are again here. */
    static String ci(Map<String, String> ci) {
        return json(ci);
    }

    private static Object value(Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("audit details nest deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
        if (v == null || v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
                || v instanceof Byte || v instanceof java.math.BigInteger || v instanceof java.math.BigDecimal) {
            return v;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? v : String.valueOf(d); // JSON has no NaN or Infinity
        }
        if (v instanceof Optional<?> o) {
            return value(o.orElse(null), depth + 1);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(Secrets.redactUrl(String.valueOf(k)), value(x, depth + 1)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            c.forEach(x -> out.add(value(x, depth + 1)));
            return out;
        }
        if (v.getClass().isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                out.add(value(Array.get(v, i), depth + 1));
            }
            return out;
        }
        // PostgreSQL's text and jsonb cannot hold NUL; a detail must not fail the migration it records.
        return Secrets.redactUrl(v.toString()).replace('\0', '\uFFFD');
    }
}
