package dev.godwit.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Settings given in code (the Java API's builder), laid over {@code godwit.toml}: each is a {@code section.key}
 * with the value the file would hold ({@code set("lint.max_risk", "high")}, {@code set("migrations.locations",
 * List.of("classpath:db/godwit"))}). They are read, checked and reported by the same code as the file, so a bad
 * value gets the same message; they win over the file and over every {@code [environments.NAME]} section.
 */
public final class ConfigLayer {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode root = MAPPER.createObjectNode();
    private boolean implicitFile = true;

    public static ConfigLayer empty() {
        return new ConfigLayer();
    }

    /** Sets {@code section.key} (or {@code placeholders.NAME}); a later call for the same key wins. */
    public ConfigLayer set(String sectionAndKey, Object value) {
        int dot = sectionAndKey.indexOf('.');
        if (dot <= 0 || dot == sectionAndKey.length() - 1) {
            throw new IllegalArgumentException("a setting is named section.key, such as lint.max_risk, not '"
                    + sectionAndKey + "'");
        }
        String section = sectionAndKey.substring(0, dot);
        ObjectNode table = root.has(section) && root.get(section).isObject()
                ? (ObjectNode) root.get(section) : root.putObject(section);
        table.set(sectionAndKey.substring(dot + 1), MAPPER.valueToTree(value instanceof java.time.Duration d
                ? d.toMillis() + "ms" : value instanceof java.nio.file.Path p ? p.toString() : value));
        return this;
    }

    /**
     * Adds one table to a top-level array of tables ({@code add("hooks", Map.of("at", "before_run", "run", "..."))}):
     * these come after the file's own.
     */
    public ConfigLayer add(String arraySection, java.util.Map<String, Object> table) {
        com.fasterxml.jackson.databind.node.ArrayNode list = root.get(arraySection) instanceof
                com.fasterxml.jackson.databind.node.ArrayNode a ? a : root.putArray(arraySection);
        ObjectNode item = list.addObject();
        table.forEach((k, v) -> item.set(k, MAPPER.valueToTree(v instanceof java.time.Duration d ? d.toMillis() + "ms"
                : v instanceof java.nio.file.Path p ? p.toString() : v)));
        return this;
    }

    /**
     * Reads no {@code godwit.toml} from the working folder unless one is named: an application's settings should
     * not change with the folder it happens to start in.
     */
    public ConfigLayer withoutImplicitFile() {
        implicitFile = false;
        return this;
    }

    boolean implicitFile() {
        return implicitFile;
    }

    public boolean isEmpty() {
        return root.isEmpty();
    }

    /** The file's tree with these settings over its top level and over every environment's sections. */
    JsonNode over(JsonNode file) {
        ObjectNode out = file.isObject() ? ((ObjectNode) file).deepCopy() : MAPPER.createObjectNode();
        merge(out, root, true);
        JsonNode envs = out.get(Sections.ENVIRONMENTS);
        if (envs != null && envs.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = envs.fields(); it.hasNext(); ) {
                JsonNode env = it.next().getValue();
                if (env.isObject()) {
                    for (Iterator<String> s = root.fieldNames(); s.hasNext(); ) {
                        String section = s.next();
                        if (env.get(section) instanceof ObjectNode own) {
                            merge(own, (ObjectNode) root.get(section));
                        } else if (env.get(section) instanceof com.fasterxml.jackson.databind.node.ArrayNode own
                                && root.get(section).isArray()) {
                            own.addAll((com.fasterxml.jackson.databind.node.ArrayNode) root.get(section).deepCopy());
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        merge(into, from, false);
    }

    /** At the top, arrays of tables ({@code [[hooks]]}) are joined, the file's first; elsewhere the layer's wins. */
    private static void merge(ObjectNode into, ObjectNode from, boolean top) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject() && into.get(e.getKey()) instanceof ObjectNode own) {
                merge(own, (ObjectNode) e.getValue());
            } else if (e.getValue().isArray() && into.get(e.getKey()) instanceof
                    com.fasterxml.jackson.databind.node.ArrayNode own && top) {
                own.addAll((com.fasterxml.jackson.databind.node.ArrayNode) e.getValue().deepCopy());
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }
}
