package dev.godwit.config;

import dev.godwit.base.Suggestions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one TOML table into its {@link Section} record, and lays one section over another. Done by hand
 * rather than by Jackson's data binding so that every message says which key, in which table, of which
 * file, in the user's words, and never in Jackson's.
 */
final class SectionBinder {

    private SectionBinder() {}

    static Section bind(Sections.Spec spec, ObjectNode table, Where where) throws ConfigException {
        Section s = spec.freeForm() ? new PlaceholdersSection(strings(table, where)) : bindRecord(spec, table, where);
        s.check(where);
        return s;
    }

    /** A section written as an array of tables ({@code [[hooks]]}), read into its record's one list. */
    static Section bindArray(Sections.Spec spec, JsonNode node, Where parent) throws ConfigException {
        RecordComponent[] components = spec.type().getRecordComponents();
        List<Record> items = records(node, recordElement(components[0].getGenericType()), parent, spec.name());
        @SuppressWarnings("unchecked")
        Section s = (Section) construct((Class<? extends Record>) (Class<?>) spec.type(), components,
                new Object[] {items});
        s.check(parent);
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Section bindRecord(Sections.Spec spec, ObjectNode table, Where where) throws ConfigException {
        // Every Section is a record (construct says so when one is not).
        Class<? extends Record> type = (Class<? extends Record>) (Class<?>) spec.type();
        return (Section) bindFields(type, table, where, "[" + spec.name() + "]");
    }

    /** Reads {@code table} into a record of {@code type}; {@code name} is how messages call such a table. */
    private static Record bindFields(Class<? extends Record> type, ObjectNode table, Where where, String name)
            throws ConfigException {
        RecordComponent[] components = type.getRecordComponents();
        Map<String, RecordComponent> byKey = new LinkedHashMap<>();
        for (RecordComponent c : components) {
            byKey.put(snake(c.getName()), c);
        }
        for (Iterator<String> it = table.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!byKey.containsKey(key)) {
                throw new ConfigException("unknown key '" + key + "' in " + where.table() + ";"
                        + Suggestions.didYouMean(key, byKey.keySet())
                        + " the keys of " + name + " are: " + String.join(", ", byKey.keySet()));
            }
        }
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String key = snake(components[i].getName());
            JsonNode node = table.get(key);
            Type t = components[i].getGenericType();
            args[i] = node == null ? null : recordElement(t) != null ? records(node, recordElement(t), where, key)
                    : Values.fromToml(node, t, where.key(key));
        }
        return construct(type, components, args);
    }

    /**
     * An array of tables ({@code [[checks.invariant]]}), each element read like a table of its own and named in
     * messages by its number: {@code [checks.invariant #2] expect in /srv/app/godwit.toml}.
     */
    private static List<Record> records(JsonNode node, Class<? extends Record> type, Where where, String key)
            throws ConfigException {
        String path = where.path().isEmpty() ? key : where.path() + "." + key;
        String name = "[[" + path + "]]";
        if (!node.isArray()) {
            throw new ConfigException((where.path().isEmpty() ? "'" + key + "' in " + where.file() : where.key(key))
                    + " must be an array of tables, each starting with " + name
                    + ", not " + Values.describe(node));
        }
        List<Record> out = new ArrayList<>();
        for (JsonNode item : node) {
            Where element = new Where(where.file(), path + " #" + (out.size() + 1));
            if (!item.isObject()) {
                throw new ConfigException(element.table() + " must be a table (" + name + "), not "
                        + Values.describe(item));
            }
            out.add(bindFields(type, (ObjectNode) item, element, name));
        }
        return out;
    }

    /** For {@code List<SomeRecord>}, the record type; else null. */
    @SuppressWarnings("unchecked")
    static Class<? extends Record> recordElement(Type t) {
        if (t instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] instanceof Class<?> c && c.isRecord()) {
            return (Class<? extends Record>) c;
        }
        return null;
    }

    private static Map<String, String> strings(ObjectNode table, Where where) throws ConfigException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new ConfigException(where.key(e.getKey()) + " must be a string (placeholder values are"
                        + " text), not " + Values.describe(e.getValue()));
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /** A section whose set values are {@code over}'s where set, else {@code base}'s; maps merge key by key. */
    @SuppressWarnings("unchecked")
    static <T extends Section> T overlay(T base, T over) {
        if (base == null || over == null) {
            return base == null ? over : base;
        }
        RecordComponent[] components = base.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Object b = read(components[i], base);
            Object o = read(components[i], over);
            if (b instanceof Map<?, ?> bm && o instanceof Map<?, ?> om) {
                Map<Object, Object> merged = new LinkedHashMap<>(bm);
                merged.putAll(om);
                args[i] = merged;
            } else {
                args[i] = o != null ? o : b;
            }
        }
        return (T) construct((Class<? extends Record>) (Class<?>) base.getClass(), components, args);
    }

    /** {@code lockTimeout} is written {@code lock_timeout} in the file. */
    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    static List<String> keys(Class<? extends Section> type) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            keys.add(snake(c.getName()));
        }
        return keys;
    }

    private static Object read(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass(), e);
        }
    }

    private static Record construct(Class<? extends Record> type, RecordComponent[] components, Object[] args) {
        try {
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
            }
            Constructor<? extends Record> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName() + ": a Section must be a record", e);
        }
    }

    static boolean isListOfStrings(Type t) {
        return t instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == String.class;
    }

    static boolean isMapOfStrings(Type t) {
        return t instanceof ParameterizedType p && p.getRawType() == Map.class
                && p.getActualTypeArguments()[0] == String.class && p.getActualTypeArguments()[1] == String.class;
    }

    static boolean isDuration(Type t) {
        return t == Duration.class;
    }
}
