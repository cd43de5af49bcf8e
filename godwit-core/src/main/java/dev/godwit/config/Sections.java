package dev.godwit.config;

import java.util.List;
import java.util.Optional;

/**
 * The tables {@code godwit.toml} may have, at the top level and under {@code [environments.NAME]}. Adding
 * a section ({@code [lint]}, {@code [backup]}, ...) is one record implementing {@link Section} plus one line
 * here; reading, unknown-key errors, type errors and environment overlays come with it.
 */
final class Sections {

    /** @param freeForm any key is allowed, and every value must be a string (the record holds one Map) */
    record Spec(String name, Class<? extends Section> type, boolean freeForm) {}

    static final String ENVIRONMENTS = "environments";

    static final List<Spec> ALL = List.of(
            new Spec("database", DatabaseSection.class, false),
            new Spec("migrations", MigrationsSection.class, false),
            new Spec("placeholders", PlaceholdersSection.class, true),
            new Spec("safety", SafetySection.class, false),
            new Spec("audit", AuditSection.class, false),
            new Spec("report", ReportSection.class, false),
            new Spec("lint", LintSection.class, false),
            new Spec("backup", BackupSection.class, false),
            new Spec("checks", ChecksSection.class, false),
            new Spec("preflight", PreflightSection.class, false),
            new Spec("hooks", HooksSection.class, false),
            new Spec("notify", NotifySection.class, false),
            new Spec("backfill", BackfillSection.class, false));

    private Sections() {}

    static Optional<Spec> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * A section written as an array of tables ({@code [[hooks]]}): its record has one component, the list.
     */
    static boolean isArray(Spec spec) {
        var components = spec.type().getRecordComponents();
        return components.length == 1 && SectionBinder.recordElement(components[0].getGenericType()) != null;
    }

    static List<String> names() {
        return ALL.stream().map(Spec::name).toList();
    }
}
