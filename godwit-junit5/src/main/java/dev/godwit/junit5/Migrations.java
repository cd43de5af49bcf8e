package dev.godwit.junit5;

import dev.godwit.api.Godwit;
import dev.godwit.api.GodwitBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A test class's migrations and settings, read from its {@link GodwitTest}. Classes with the same ones share one
 * migrated template database.
 */
record Migrations(List<String> locations, String configFile, Map<String, String> settings) {

    Migrations {
        locations = List.copyOf(locations);
        settings = Map.copyOf(settings);
    }

    /** From the class's {@link GodwitTest}, or its enclosing class's for a {@code @Nested} one. */
    static Migrations of(Class<?> testClass) {
        GodwitTest test = null;
        for (Class<?> c = testClass; c != null && test == null; c = c.getEnclosingClass()) {
            test = AnnotationSupport.findAnnotation(c, GodwitTest.class).orElse(null);
        }
        if (test == null) {
            return new Migrations(List.of("classpath:db/godwit"), "", Map.of());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String s : test.settings()) {
            int eq = s.indexOf('=');
            if (eq < 1) {
                throw new ExtensionConfigurationException("@GodwitTest(settings) of " + testClass.getName()
                        + ": '" + s + "' is not section.key=value, e.g. \"lint.max_risk=medium\"");
            }
            settings.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
        }
        return new Migrations(List.of(test.locations()), test.configFile(), settings);
    }

    /**
     * Godwit on {@code url} with these migrations. No {@code GODWIT_*} variable of the process is read, so a
     * developer's shell cannot point a test elsewhere; reports go under {@code target/}, not the working folder.
     */
    GodwitBuilder builder(String url) {
        GodwitBuilder b = Godwit.configure()
                .url(url)
                .locations(locations.toArray(String[]::new))
                .environmentVariables(Map.of())
                .set("report.dir", Path.of("target", "godwit-reports").toAbsolutePath().toString());
        if (!configFile.isBlank()) {
            b.configFile(Path.of(configFile));
        }
        settings.forEach(b::set);
        return b;
    }

    /**
     * The template's name: these migrations, in this JVM. The process id keeps test JVMs that share a server (Surefire
     * forks, two CI jobs) from dropping each other's template.
     */
    String templateName() {
        return "godwit_template_" + ProcessHandle.current().pid() + "_" + Integer.toHexString(hashCode() & 0x7fffffff);
    }
}
