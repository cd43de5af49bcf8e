package dev.godwit.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical encoding of an audit row, the exact text that is hashed (docs/audit.md "How the hash is made"):
 * one JSON object with the fields in a fixed order, no whitespace; inside {@code ci} and {@code details}, object
 * keys sorted by UTF-16 code units (as RFC 8785 does), numbers exactly as PostgreSQL's jsonb prints them.
 *
 * <p>JSON values are always canonicalised from the text PostgreSQL gives back for the jsonb column, on append as
 * on verify, so that what is hashed is what is stored (jsonb reorders keys and rewrites numbers like 1e2).
 */
final class Canonical {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    // Exact decimals: 1.50 stays 1.50, so a number reads back as the digits PostgreSQL printed.
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private Canonical() {}

    /** {@code 2026-11-21T07:10:02.123456Z}: always six fractional digits, as timestamptz keeps them. */
    static String time(Instant at) {
        return AT.format(at);
    }

    /** The row's fields in their fixed order; {@code ci} and {@code details} are jsonb text from PostgreSQL. */
    static String row(long seq, Instant at, String action, String runId, String version, String osUser,
                      String dbUser, String host, String ciJson, String ticket, String approver, String detailsJson) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"seq\":").append(seq);
        field(sb, "at", time(at));
        field(sb, "action", action);
        field(sb, "run_id", runId);
        field(sb, "version", version);
        field(sb, "os_user", osUser);
        field(sb, "db_user", dbUser);
        field(sb, "host", host);
        sb.append(",\"ci\":").append(json(ciJson));
        field(sb, "ticket", ticket);
        field(sb, "approver", approver);
        sb.append(",\"details\":").append(json(detailsJson));
        return sb.append('}').toString();
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append(",\"").append(name).append("\":");
        string(sb, value);
    }

    /** The canonical form of a JSON text: sorted keys, no whitespace. */
    static String json(String text) {
        StringBuilder sb = new StringBuilder();
        write(sb, parse(text));
        return sb.toString();
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text == null ? "null" : text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void write(StringBuilder sb, JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            sb.append("null");
        } else if (n.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>(); // String order = UTF-16 code units
            n.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            sb.append('{');
            String sep = "";
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                sb.append(sep);
                string(sb, e.getKey());
                sb.append(':');
                write(sb, e.getValue());
                sep = ",";
            }
            sb.append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                write(sb, it.next());
                if (it.hasNext()) {
                    sb.append(',');
                }
            }
            sb.append(']');
        } else if (n.isTextual()) {
            string(sb, n.textValue());
        } else if (n.isBigDecimal() || n.isFloatingPointNumber()) {
            sb.append(n.decimalValue().toPlainString());
        } else if (n.isNumber()) {
            sb.append(n.bigIntegerValue());
        } else {
            sb.append(n.asText()); // true, false
        }
    }

    /** A JSON string: only {@code "}, {@code \} and control characters escaped; everything else as is (UTF-8). */
    static void string(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** A canonical JSON object as Java values (maps keep the sorted key order; decimals are BigDecimal). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(String canonicalObject) {
        Object v = toJava(parse(canonicalObject));
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Object toJava(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.properties().forEach(e -> m.put(e.getKey(), toJava(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.elements().forEachRemaining(e -> l.add(toJava(e)));
            return l;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        }
        return n.decimalValue();
    }
}
