package dev.godwit.cli;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (0.0.4), for tests: every line must be a HELP, a TYPE or a
 * sample of a declared metric, with well-formed labels and a number; anything else fails the test. Returns
 * each sample as {@code name{labels}} to its value.
 */
final class PromText {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{([^}]*)\\})? (\\S+)( -?\\d+)?");
    private static final Pattern LABELS = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\""
            + "(,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\")*,?");

    private PromText() {}

    static Map<String, Double> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the exposition must end with a newline");
        }
        Map<String, String> types = new HashMap<>();
        Map<String, Double> samples = new LinkedHashMap<>();
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null) {
                    throw new AssertionError("line " + n + ": second TYPE for " + m.group(1));
                }
            } else if (HELP.matcher(line).matches()) {
                continue;
            } else if (line.startsWith("#")) {
                throw new AssertionError("line " + n + ": a comment that is neither HELP nor TYPE: " + line);
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                if (m.group(3) != null && !m.group(3).isEmpty() && !LABELS.matcher(m.group(3)).matches()) {
                    throw new AssertionError("line " + n + ": bad labels: " + line);
                }
                if (declared(types, name) == null) {
                    throw new AssertionError("line " + n + ": sample of an undeclared metric: " + line);
                }
                String key = name + (m.group(2) == null ? "" : m.group(2));
                if (samples.put(key, number(m.group(4), n)) != null) {
                    throw new AssertionError("line " + n + ": duplicate sample " + key);
                }
            } else {
                throw new AssertionError("line " + n + ": not Prometheus text format: " + line);
            }
        }
        return samples;
    }

    /** The TYPE a sample belongs to: its own, or its histogram's / summary's / counter's for the suffixes. */
    private static String declared(Map<String, String> types, String name) {
        if (types.containsKey(name)) {
            return types.get(name);
        }
        for (String suffix : new String[] {"_bucket", "_count", "_sum", "_total", "_created"}) {
            if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()))) {
                return types.get(name.substring(0, name.length() - suffix.length()));
            }
        }
        return null;
    }

    private static double number(String s, int line) {
        switch (s) {
            case "+Inf": return Double.POSITIVE_INFINITY;
            case "-Inf": return Double.NEGATIVE_INFINITY;
            case "NaN": return Double.NaN;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new AssertionError("line " + line + ": not a number: " + s);
                }
        }
    }
}
