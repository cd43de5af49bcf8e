package dev.godwit.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A fleet file (docs/fleet.md): {@code [fleet]} settings, {@code [[targets]]}, and optionally {@code [source]}
 * (a SQL query that returns targets, or a schema pattern). Read strictly: an unknown key is an error naming it,
 * since a misspelt {@code max_failures} silently left at its default is the kind of mistake a fleet run multiplies.
 */
public record FleetFile(Path path, List<Target> targets, Optional<String> query, Optional<String> queryUrlEnv,
                        Optional<String> schemas, Settings settings) {

    /** {@code [fleet]}: each empty when not given (the command line or the defaults decide). */
    public record Settings(Optional<Integer> parallel, Optional<Integer> canary, Optional<Integer> maxFailures,
                           Optional<Path> summaryDir, Optional<Path> auditFile) {
        public static Settings none() {
            return new Settings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
    }

    static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,55}");
    private static final Set<String> TOP = Set.of("fleet", "targets", "source");
    private static final Set<String> FLEET = Set.of("parallel", "canary", "max_failures", "summary_dir", "audit_file");
    private static final Set<String> SOURCE = Set.of("query", "url_env", "schemas");
    private static final Set<String> TARGET = Set.of("name", "url", "url_env", "tags", "schema");

    public FleetFile {
        targets = List.copyOf(targets);
    }

    /** An empty fleet: targets come from {@code --schemas} or a query given elsewhere. */
    public static FleetFile none() {
        return new FleetFile(null, List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Settings.none());
    }

    public static FleetFile read(Path file) throws FleetException {
        String where = file.toString();
        JsonNode root;
        try {
            root = new TomlMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new FleetException("the fleet file " + where + " does not exist; check --fleet");
        } catch (IOException e) {
            throw new FleetException(where + " is not valid TOML: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new FleetException(where + " is empty; it needs [[targets]] or a [source]");
        }
        known(root, TOP, where, "");
        Path base = file.toAbsolutePath().getParent();
        Settings settings = settings(root.get("fleet"), where, base);
        JsonNode source = root.get("source");
        Optional<String> query = Optional.empty();
        Optional<String> queryUrlEnv = Optional.empty();
        Optional<String> schemas = Optional.empty();
        if (source != null) {
            table(source, where, "[source]");
            known(source, SOURCE, where, "[source] ");
            query = text(source, "query", where, "[source]");
            queryUrlEnv = text(source, "url_env", where, "[source]");
            schemas = text(source, "schemas", where, "[source]");
            if (query.isPresent() && schemas.isPresent()) {
                throw new FleetException(where + " [source]: give query or schemas, not both");
            }
        }
        List<Target> targets = new ArrayList<>();
        JsonNode list = root.get("targets");
        if (list != null) {
            if (!list.isArray()) {
                throw new FleetException(where + ": targets must be an array of tables, written [[targets]]");
            }
            int i = 0;
            for (JsonNode t : list) {
                i++;
                targets.add(target(t, where + " [[targets]] #" + i));
            }
        }
        unique(targets, where);
        if (targets.isEmpty() && query.isEmpty() && schemas.isEmpty()) {
            throw new FleetException(where + " names no target: add [[targets]] (name, url or url_env), or a [source]"
                    + " with query or schemas");
        }
        return new FleetFile(file, targets, query, queryUrlEnv, schemas, settings);
    }

    /** A target as the file or a query gives it; {@code where} says which, for messages. */
    static Target target(JsonNode t, String where) throws FleetException {
        table(t, where, "");
        known(t, TARGET, where, "");
        String name = text(t, "name", where, "").orElseThrow(() -> new FleetException(where + " has no name"));
        Optional<String> url = text(t, "url", where, name);
        Optional<String> urlEnv = text(t, "url_env", where, name);
        if (url.isPresent() == urlEnv.isPresent()) {
            throw new FleetException(where + " (" + name + "): give url or url_env, exactly one"
                    + " (url_env names a variable holding the URL, so the file holds no password)");
        }
        List<String> tags = new ArrayList<>();
        JsonNode tn = t.get("tags");
        if (tn != null) {
            if (!tn.isArray()) {
                throw new FleetException(where + " (" + name + "): tags must be a list of words, like [\"canary\"]");
            }
            tn.forEach(x -> tags.add(x.asText()));
        }
        Optional<String> schema = text(t, "schema", where, name);
        if (schema.isPresent()) {
            checkSchema(schema.get(), where + " (" + name + ") schema");
        }
        return new Target(name, url.orElse(null), urlEnv.orElse(null), tags, schema);
    }

    /** A tenant schema goes into SET search_path and into a schema name of Godwit's own: an identifier only. */
    static void checkSchema(String schema, String what) throws FleetException {
        if (!SCHEMA.matcher(schema).matches() || schema.toLowerCase(java.util.Locale.ROOT).startsWith("pg_")) {
            throw new FleetException(what + " must be a plain schema name (a letter or _, then letters, digits, _"
                    + " or $; at most 56 characters, so that godwit_<schema> fits PostgreSQL's 63), not '" + schema
                    + "'");
        }
    }

    static void unique(List<Target> targets, String where) throws FleetException {
        Set<String> seen = new HashSet<>();
        for (Target t : targets) {
            if (!seen.add(t.name())) {
                throw new FleetException(where + ": two targets are named " + t.name() + "; names must be unique"
                        + " (the summary, --shard and the audit record go by them)");
            }
        }
    }

    private static Settings settings(JsonNode fleet, String where, Path base) throws FleetException {
        if (fleet == null) {
            return Settings.none();
        }
        table(fleet, where, "[fleet]");
        known(fleet, FLEET, where, "[fleet] ");
        return new Settings(positive(fleet, "parallel", where, 1), positive(fleet, "canary", where, 0),
                positive(fleet, "max_failures", where, 1),
                text(fleet, "summary_dir", where, "[fleet]").map(base::resolve),
                text(fleet, "audit_file", where, "[fleet]").map(base::resolve));
    }

    private static Optional<Integer> positive(JsonNode n, String key, String where, int min) throws FleetException {
        JsonNode v = n.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isInt() || v.asInt() < min) {
            throw new FleetException(where + " [fleet] " + key + " must be a whole number of at least " + min
                    + ", not " + v);
        }
        return Optional.of(v.asInt());
    }

    private static Optional<String> text(JsonNode n, String key, String where, String what) throws FleetException {
        JsonNode v = n.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new FleetException(where + " " + what + ": " + key + " must be a non-empty string");
        }
        return Optional.of(v.asText().trim());
    }

    private static void table(JsonNode n, String where, String what) throws FleetException {
        if (!n.isObject()) {
            throw new FleetException(where + " " + what + " must be a table");
        }
    }

    private static void known(JsonNode n, Set<String> keys, String where, String prefix) throws FleetException {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw new FleetException(where + ": unknown key " + prefix + k + "; known: "
                        + String.join(", ", keys.stream().sorted().toList()));
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
