package dev.godwit.config;

import dev.godwit.base.Suggestions;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code godwit.toml} into a {@link ConfigFile}: TOML syntax via Jackson's TomlMapper, then every
 * table and key checked against {@link Sections}, with messages in the user's terms (never Jackson's).
 */
final class TomlReader {

    private static final TomlMapper MAPPER = new TomlMapper();

    /** Jackson's TOML parser's words, in ours; anything else gets a plain "not valid TOML here". */
    private static final Map<String, String> SYNTAX = Map.of(
            "Duplicate key", "a key is set twice",
            "Table redefined", "a table is defined twice",
            "Newline not permitted here", "the line ends too early (an unclosed quote or bracket, or a missing value?)",
            "More data after value has already ended. Invalid value preceding this position?",
            "unexpected text after a value (text values need quotes, e.g. lock_timeout = \"2s\")");

    private TomlReader() {}

    static ConfigFile read(Path file) throws ConfigException {
        return bind(file, parse(file));
    }

    /**
     * The file (or none) with settings given in code laid over it. Without a file the settings are reported as
     * coming from {@code configure()}, and relative paths resolve against the working folder, as without a file.
     */
    static ConfigFile read(java.util.Optional<Path> file, ConfigLayer layer) throws ConfigException {
        if (layer.isEmpty()) {
            return file.isPresent() ? read(file.get()) : ConfigFile.none();
        }
        JsonNode root = layer.over(file.isPresent() ? parse(file.get()) : MAPPER.createObjectNode());
        ConfigFile bound = bind(file.orElse(Path.of("configure()")), root);
        return file.isPresent() ? bound : new ConfigFile(null, bound.top(), bound.environments());
    }

    private static ConfigFile bind(Path file, JsonNode root) throws ConfigException {
        Map<Class<? extends Section>, Section> top = new LinkedHashMap<>();
        Map<String, Map<Class<? extends Section>, Section>> environments = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (name.equals(Sections.ENVIRONMENTS)) {
                environments.putAll(environments(e.getValue(), new Where(file, name)));
            } else {
                bindInto(top, name, e.getValue(), new Where(file, name), topLevelNames(), "at the top level of " + file);
            }
        }
        return new ConfigFile(file, top, environments);
    }

    private static JsonNode parse(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(file + " is not valid UTF-8; save it as UTF-8");
        } catch (IOException e) {
            throw new ConfigException("could not read config file " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        try {
            JsonNode root = MAPPER.readTree(text);
            return root == null ? MAPPER.createObjectNode() : root;
        } catch (JsonProcessingException e) {
            String where = location(e.getLocation(), e.getOriginalMessage());
            String reason = SYNTAX.getOrDefault(e.getOriginalMessage(), "this is not valid TOML syntax");
            throw new ConfigException(file + " is not valid TOML:" + where + ": " + reason);
        }
    }

    private static String location(JsonLocation at, String problem) {
        if (at == null || at.getLineNr() < 1) {
            return "";
        }
        // The parser notices a duplicate key only at the start of the next line; point at the key's line.
        if ("Duplicate key".equals(problem) && at.getColumnNr() == 1 && at.getLineNr() > 1) {
            return " at line " + (at.getLineNr() - 1);
        }
        return " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static Map<String, Map<Class<? extends Section>, Section>> environments(JsonNode node, Where where)
            throws ConfigException {
        if (!node.isObject()) {
            throw new ConfigException("'environments' in " + where.file() + " must be a table such as"
                    + " [environments.production.database], not " + Values.describe(node));
        }
        Map<String, Map<Class<? extends Section>, Section>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> env = it.next();
            Where envWhere = where.child(env.getKey());
            if (!env.getValue().isObject()) {
                throw new ConfigException("'" + env.getKey() + "' in [environments] in " + where.file()
                        + " must be a table such as [" + envWhere.path() + ".database], not "
                        + Values.describe(env.getValue()));
            }
            Map<Class<? extends Section>, Section> sections = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> s = env.getValue().fields(); s.hasNext(); ) {
                Map.Entry<String, JsonNode> e = s.next();
                bindInto(sections, e.getKey(), e.getValue(), envWhere.child(e.getKey()),
                        prefixed(envWhere.path()), "in " + envWhere.table());
            }
            out.put(env.getKey(), sections);
        }
        return out;
    }

    private static void bindInto(Map<Class<? extends Section>, Section> into, String name, JsonNode node,
            Where where, List<String> known, String context) throws ConfigException {
        var spec = Sections.named(name);
        if (spec.isEmpty()) {
            throw unknownSection(name, node, where, known, context);
        }
        if (Sections.isArray(spec.get())) {
            String parent = where.path().contains(".") ? where.path().substring(0, where.path().lastIndexOf('.')) : "";
            into.put(spec.get().type(), SectionBinder.bindArray(spec.get(), node, new Where(where.file(), parent)));
            return;
        }
        if (!node.isObject()) {
            throw new ConfigException("'" + name + "' " + context + " must be a table ([" + where.path()
                    + "]), not " + Values.describe(node));
        }
        into.put(spec.get().type(), SectionBinder.bind(spec.get(), (ObjectNode) node, where));
    }

    private static ConfigException unknownSection(String name, JsonNode node, Where where, List<String> known,
            String context) {
        String parent = where.path().contains(".") ? where.path().substring(0, where.path().lastIndexOf('.') + 1) : "";
        List<String> candidates = new ArrayList<>();
        for (String k : known) {
            candidates.add(k.substring(1, k.length() - 1).substring(parent.length()));
        }
        String hint = Suggestions.closest(name, candidates).map(c -> " did you mean [" + parent + c + "]?").orElse("");
        String what = node.isObject() ? "unknown section [" + where.path() + "]" : "unknown key '" + name + "'";
        String rest = node.isObject() ? "" : " (settings belong in a section, e.g. [" + parent + "database] url)";
        return new ConfigException(what + " " + context + ";" + hint + " the known sections are: "
                + String.join(", ", known) + rest);
    }

    private static List<String> topLevelNames() {
        List<String> names = new ArrayList<>();
        for (String n : Sections.names()) {
            names.add("[" + n + "]");
        }
        names.add("[environments.NAME]");
        return names;
    }

    private static List<String> prefixed(String envPath) {
        List<String> names = new ArrayList<>();
        for (String n : Sections.names()) {
            names.add("[" + envPath + "." + n + "]");
        }
        return names;
    }
}
