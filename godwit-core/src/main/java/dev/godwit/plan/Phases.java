package dev.godwit.plan;

import dev.godwit.migration.MigrationScript;

import dev.godwit.sql.Phase;
import dev.godwit.sql.SqlScript;
import dev.godwit.sql.SqlSyntaxException;
import java.util.Optional;

/**
 * The phase of a migration file, as its {@code -- godwit:phase} directive says (expand when it says nothing).
 * {@code status} asks this of every file, so a file that never mentions the directive is not lexed at all.
 */
public final class Phases {

    private static final String DIRECTIVE = "godwit:phase";

    private Phases() {}

    public static Phase of(MigrationScript m) {
        return declared(m).orElse(Phase.EXPAND);
    }

    /** The phase the file names; empty when it names none (or cannot be read: migrate reports that itself). */
    public static Optional<Phase> declared(MigrationScript m) {
        if (!m.text().contains(DIRECTIVE)) {
            return Optional.empty();
        }
        try {
            return SqlScript.parse(m.text()).directives().phase();
        } catch (SqlSyntaxException e) {
            return Optional.empty();
        }
    }
}
