package dev.godwit.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the manifests of deploy/ into the Kubernetes API types of the fabric8 model, strictly: a field the API does
 * not have fails, whether Jackson sees it (FAIL_ON_UNKNOWN_PROPERTIES) or the model keeps it aside in its
 * "additional properties" (which it does for every type, so that field is looked for in the whole object tree).
 */
final class Manifests {

    static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "batch/v1 Job", Job.class,
            "apps/v1 Deployment", Deployment.class,
            "v1 Secret", Secret.class,
            "v1 ConfigMap", ConfigMap.class);

    private Manifests() {}

    /** The repository's root: the parent of this module's folder, where Maven runs the tests. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("deploy")) ? here : here.getParent();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object of a manifest's text, as the API type its apiVersion and kind name; unknown fields fail. */
    static HasMetadata parse(String where, String yaml) {
        JsonNode tree = YAML.readTree(yaml);
        String kind = tree.path("apiVersion").asString() + " " + tree.path("kind").asString();
        Class<? extends HasMetadata> type = KINDS.get(kind);
        if (type == null) {
            throw new AssertionError(where + ": " + kind + " is not a kind these tests know: " + KINDS.keySet());
        }
        HasMetadata object = YAML.readValue(yaml, type);
        List<String> unknown = new ArrayList<>();
        unknownFields(object, type.getSimpleName(), unknown);
        if (!unknown.isEmpty()) {
            throw new AssertionError(where + ": fields the Kubernetes API does not have: " + unknown);
        }
        return object;
    }

    /** Every field the model put aside as "additional", with its path in the object tree. */
    private static void unknownFields(Object o, String path, List<String> out) {
        if (o == null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, path + "[" + i++ + "]", out);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, out));
            return;
        }
        if (!o.getClass().getPackageName().startsWith("io.fabric8")) {
            return;
        }
        for (Method getter : o.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(o);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> out.add(path + "." + k));
                }
            } else {
                unknownFields(value, path + "." + getter.getName().substring(3), out);
            }
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{-?\\s*([^}]*?)\\s*-?}}");

    /**
     * A Helm template rendered without Helm: {@code {{ .Values.a.b }}} from values.yaml, {@code {{ .Release.Name }}}
     * and {@code {{ .Chart.AppVersion }}}. Anything else (a function, a pipe, a conditional) fails: the chart is kept
     * that simple on purpose, so that what is tested is what Helm renders.
     */
    static String render(String template, JsonNode values, String release, String appVersion) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String expr = m.group(1);
            String value;
            if (expr.equals(".Release.Name")) {
                value = release;
            } else if (expr.equals(".Chart.AppVersion")) {
                value = appVersion;
            } else if (expr.matches("\\.Values(\\.[A-Za-z][A-Za-z0-9]*)+")) {
                JsonNode node = values;
                for (String part : expr.substring(".Values.".length()).split("\\.")) {
                    node = node.path(part);
                }
                if (node.isMissingNode() || node.isContainer()) {
                    throw new AssertionError("{{ " + expr + " }} names no value of values.yaml");
                }
                value = node.asString();
            } else {
                throw new AssertionError("{{ " + expr + " }} is more than a plain substitution; keep the chart's"
                        + " templates to .Values, .Release.Name and .Chart.AppVersion");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
