package dev.godwit.migration;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's SQL callback files ({@code beforeMigrate.sql}, {@code afterMigrateError__notify.sql}, ...): they sit in
 * the migration folders but are not migrations. The scanner leaves every one of them out; those whose event has a
 * Godwit hook point run as SQL hooks there (docs/hooks.md), the others are not run.
 */
public final class FlywayCallbacks {

    /** Flyway's event → Godwit's hook point word. */
    public static final Map<String, String> RUN = Map.of(
            "beforeMigrate", "before_run",
            "afterMigrate", "after_success",
            "afterMigrateError", "on_failure",
            "beforeEachMigrate", "before_each",
            "afterEachMigrate", "after_each",
            "beforeUndo", "before_rollback",
            "afterUndo", "after_rollback");

    /** Every SQL callback event Flyway documents (Flyway 9/10), so that none is taken for a migration. */
    private static final Set<String> ALL = Set.of("beforeMigrate", "beforeRepeatables", "beforeEachMigrate",
            "beforeEachMigrateStatement", "afterEachMigrateStatement", "afterEachMigrateStatementError",
            "afterEachMigrate", "afterEachMigrateError", "afterMigrate", "afterMigrateApplied", "afterVersioned",
            "afterMigrateError", "beforeUndo", "beforeEachUndo", "beforeEachUndoStatement", "afterEachUndoStatement",
            "afterEachUndoStatementError", "afterEachUndo", "afterEachUndoError", "afterUndo", "afterUndoError",
            "beforeClean", "afterClean", "afterCleanError", "beforeInfo", "afterInfo", "afterInfoError",
            "beforeValidate", "afterValidate", "afterValidateError", "beforeBaseline", "afterBaseline",
            "afterBaselineError", "beforeRepair", "afterRepair", "afterRepairError", "createSchema",
            "beforeCreateSchema", "beforeConnect", "afterConnect");

    /** {@code beforeMigrate.sql} or {@code beforeMigrate__description.sql}. */
    private static final Pattern NAME = Pattern.compile("([A-Za-z]+)(?:__.*)?\\.sql");

    private FlywayCallbacks() {}

    /** The Flyway event a file name is a callback for, if it is one. */
    public static Optional<String> event(String fileName) {
        Matcher m = NAME.matcher(fileName);
        return m.matches() && ALL.contains(m.group(1)) ? Optional.of(m.group(1)) : Optional.empty();
    }
}
