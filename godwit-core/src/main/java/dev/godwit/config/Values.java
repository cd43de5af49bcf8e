package dev.godwit.config;

import dev.godwit.base.Durations;

import dev.godwit.db.Secrets;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Turns one raw value (a TOML node, or the text of a flag or variable) into its type, or into a message
 * that names where the value came from ({@code what}) and what was expected.
 */
final class Values {

    private Values() {}

    static Object fromToml(JsonNode node, Type type, String what) throws ConfigException {
        if (type == String.class) {
            if (node.isTextual()) {
                return node.textValue();
            }
            throw wrongType(what, "a string", node);
        }
        if (type == Boolean.class) {
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            throw wrongType(what, "true or false", node);
        }
        if (type == Integer.class) {
            if (node.isIntegralNumber() && node.canConvertToInt()) {
                return node.intValue();
            }
            throw wrongType(what, "a whole number", node);
        }
        if (SectionBinder.isDuration(type)) {
            // A bare 0 is natural for "no limit"; any other number is ambiguous (seconds? ms?).
            String text = node.isTextual() ? node.textValue() : node.isIntegralNumber() ? node.asText() : null;
            if (text == null) {
                throw wrongType(what, "a duration such as \"2s\"", node);
            }
            return duration(text, what);
        }
        if (SectionBinder.isListOfStrings(type)) {
            return strings(node, what);
        }
        if (SectionBinder.isMapOfStrings(type)) {
            return stringMap(node, what);
        }
        throw new IllegalStateException("no reader for " + type + " (" + what + ")");
    }

    private static List<String> strings(JsonNode node, String what) throws ConfigException {
        if (!node.isArray()) {
            throw wrongType(what, "a list of strings such as [\"db/migrations\"]", node);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw wrongType(what, "a list of strings such as [\"db/migrations\"]", item);
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** A table of string values, such as {@code [lint.risk]} or an inline {@code { a = "b" }}. */
    private static Map<String, String> stringMap(JsonNode node, String what) throws ConfigException {
        if (!node.isObject()) {
            throw wrongType(what, "a table of strings such as { prefer-jsonb = \"low\" }", node);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw wrongType(what + "." + e.getKey(), "a string", e.getValue());
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    static Duration duration(String text, String what) throws ConfigException {
        return Durations.parse(text).orElseThrow(() -> new ConfigException(Durations.expected(what, text)));
    }

    static int positiveInt(String text, String what) throws ConfigException {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below in the same words as an out-of-range number
        }
        throw new ConfigException(what + " must be a whole number of at least 1, not '" + text + "'");
    }

    static boolean bool(String text, String what) throws ConfigException {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(what + " must be true or false, not '" + text + "'");
        };
    }

    private static ConfigException wrongType(String what, String expected, JsonNode got) {
        return new ConfigException(what + " must be " + expected + ", not " + describe(got));
    }

    /** The user's value in their terms: "the string \"ten\"", "the number 2.5", "a table". */
    static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the string \"" + Secrets.redactUrl(node.textValue()) + "\"";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a table";
        }
        return "'" + node.asText() + "'";
    }
}
