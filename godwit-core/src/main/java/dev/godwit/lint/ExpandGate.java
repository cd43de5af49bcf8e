package dev.godwit.lint;

import dev.godwit.config.Risk;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.Analyzer;
import dev.godwit.sql.analysis.ConstraintDef;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TypeName;
import dev.godwit.sql.SqlStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The expand gate: an expand migration runs while the previous application version still serves traffic, so it
 * must leave everything that version reads and writes working. From the analyser's facts about each statement it
 * refuses, on tables that existed before the run, drops and renames of tables, views and columns, type changes
 * the old code cannot write, a NOT NULL column without a default (the old code's INSERTs do not name it),
 * SET NOT NULL and new constraints (the old code's writes may violate them) and renamed enum values. Each finding
 * is CRITICAL, so the lint gate refuses the run (exit 5), and its way out is the contract recipe: move the
 * statement to a {@code -- godwit:phase contract} file, with the new shape added beside the old one in expand.
 */
public final class ExpandGate {

    /** The id findings carry; not a rule of {@code godwit lint}, since only a run knows its phase. */
    public static final String ID = "expand-incompatible";

    private static final String RECIPE = "docs/zero-downtime.md";

    private final SchemaModel catalog;
    private final Set<String> createdInRun = new HashSet<>();
    private final Set<String> addedInRun = new HashSet<>();

    /** One file of the run, and whether it runs in the expand phase (only those are checked). */
    public record Input(LintInput file, boolean expand) {}

    private ExpandGate(SchemaModel catalog) {
        this.catalog = catalog;
    }

    /** The findings of {@code files}, in the order they run, against the database as it is before them. */
    public static List<FileLint> check(List<Input> files, SchemaModel catalog) {
        ExpandGate gate = new ExpandGate(catalog);
        List<FileLint> out = new ArrayList<>();
        for (Input in : files) {
            List<Finding> findings = new ArrayList<>();
            for (SqlStatement s : in.file().script().statements()) {
                StatementAnalysis a = Analyzer.analyze(s);
                if (in.expand()) {
                    gate.check(in.file().file(), a, findings);
                }
                gate.remember(a);
            }
            if (!findings.isEmpty()) {
                out.add(new FileLint(in.file().file(), findings));
            }
        }
        return out;
    }

    private void remember(StatementAnalysis a) {
        a.of(Action.CreateTable.class).forEach(c -> createdInRun.add(key(c.table())));
        a.of(Action.AddColumn.class).forEach(c -> addedInRun.add(key(c.table()) + "." + c.column().name()));
    }

    private boolean existing(Relation t) {
        return !createdInRun.contains(key(t));
    }

    private boolean existing(Relation t, String column) {
        return existing(t) && !addedInRun.contains(key(t) + "." + column);
    }

    private static String key(Relation r) {
        return r.display().toLowerCase(Locale.ROOT);
    }

    private void check(String file, StatementAnalysis a, List<Finding> out) {
        for (Action action : a.actions()) {
            why(action, a.statement().text().strip() + ";").ifPresent(w -> out.add(finding(file, a, w[0], w[1])));
        }
    }

    /** {message, contract recipe} when {@code action} breaks the application version still running. */
    private Optional<String[]> why(Action action, String sql) {
        if (action instanceof Action.DropTable d) {
            return d.tables().stream().filter(this::existing).findFirst().map(t -> new String[] {
                    "drops table " + t.display() + ", which the application version still running reads and writes",
                    "-- godwit:phase contract\n-- after every instance of the old version is gone:\n" + sql});
        }
        if (action instanceof Action.DropColumn d && d.column() != null && existing(d.table(), d.column())) {
            return Optional.of(new String[] {"drops column " + d.table().display() + "." + d.column() + ", which the"
                    + " application version still running may read or write",
                    "-- godwit:phase contract\n-- after every instance of the old version is gone (godwit checks"
                    + " pg_stat_statements for queries still naming it):\nALTER TABLE " + d.table().display()
                    + " DROP COLUMN " + d.column() + ";"});
        }
        if (action instanceof Action.RenameColumn r && existing(r.table(), r.from())) {
            return Optional.of(new String[] {"renames column " + r.table().display() + "." + r.from() + " to " + r.to()
                    + ": the application version still running fails on every query that names " + r.from(),
                    renameColumnRecipe(r)});
        }
        if (action instanceof Action.RenameTable r && existing(r.table())) {
            return Optional.of(new String[] {"renames table " + r.table().display() + " to " + r.to() + ": the"
                    + " application version still running fails on every query that names " + r.table().display(),
                    "-- expand: CREATE VIEW " + r.to() + " AS SELECT * FROM " + r.table().display()
                    + "; (a simple view is updatable), deploy code that uses " + r.to() + "\n-- godwit:phase contract\n"
                    + "DROP VIEW " + r.to() + ";\nALTER TABLE " + r.table().display() + " RENAME TO " + r.to() + ";"});
        }
        if (action instanceof Action.DropOther d && (d.what().endsWith("VIEW") || d.what().equals("FUNCTION")
                || d.what().equals("TYPE"))) {
            return Optional.of(new String[] {"drops " + d.what().toLowerCase(Locale.ROOT) + " " + String.join(", ",
                    d.names()) + ", which the application version still running may use",
                    "-- godwit:phase contract\n-- after every instance of the old version is gone:\n" + sql});
        }
        if (action instanceof Action.AlterColumnType t && existing(t.table(), t.column())
                && !catalog.columnType(t.table(), t.column()).map(old -> widens(old, t)).orElse(false)) {
            return Optional.of(new String[] {"changes the type of " + t.table().display() + "." + t.column() + " to "
                    + t.type() + ", which values the application version still running writes may not fit (or"
                    + " which it cannot read back as it expects)", typeChangeRecipe(t)});
        }
        if (action instanceof Action.AddColumn c && existing(c.table()) && c.column().notNull()
                && !c.column().hasValueForExistingRows()) {
            return Optional.of(new String[] {"adds " + c.table().display() + "." + c.column().name() + " NOT NULL"
                    + " without a default: every INSERT of the application version still running, which does not"
                    + " name the column, fails", notNullRecipe(c.table().display(), c.column().name(),
                    c.column().type().toString())});
        }
        if (action instanceof Action.SetNotNull n && existing(n.table(), n.column())) {
            return Optional.of(new String[] {"sets " + n.table().display() + "." + n.column() + " NOT NULL: writes of"
                    + " the application version still running that leave it empty fail",
                    "-- godwit:phase contract\n-- once no running code writes NULL (and a backfill filled the old rows):\n"
                    + "ALTER TABLE " + n.table().display() + " ADD CONSTRAINT " + n.column() + "_not_null CHECK ("
                    + n.column() + " IS NOT NULL) NOT VALID;\nALTER TABLE " + n.table().display()
                    + " VALIDATE CONSTRAINT " + n.column() + "_not_null;\nALTER TABLE " + n.table().display()
                    + " ALTER COLUMN " + n.column() + " SET NOT NULL;"});
        }
        if (action instanceof Action.AddConstraint k && existing(k.table())
                && k.constraint().kind() != ConstraintDef.Kind.PRIMARY_KEY) {
            return Optional.of(new String[] {"adds a " + k.constraint().kindWords() + " constraint to "
                    + k.table().display() + ": writes of the application version still running may violate it"
                    + " (NOT VALID too checks every new write)",
                    "-- godwit:phase contract\n-- once the running code writes only rows that satisfy it:\n"
                    + sql});
        }
        if (action instanceof Action.RenameEnumValue r) {
            return Optional.of(new String[] {"renames value '" + r.from() + "' of " + r.type().display() + ": the"
                    + " application version still running writes '" + r.from() + "', which then fails",
                    "-- expand: ALTER TYPE " + r.type().display() + " ADD VALUE '" + r.to() + "'; deploy code that"
                    + " writes '" + r.to() + "'; backfill the rows with -- godwit:batch\n-- godwit:phase contract:"
                    + " replace the type without '" + r.from() + "' once nothing writes it"});
        }
        return Optional.empty();
    }

    private static String sqlOf(Action a) {
        return "-- (the statement as written)";
    }

    /**
     * True when every value the old type holds is a value of the new one, written the same: integer widening,
     * longer or unbounded text, numeric with no fewer digits on either side of the point.
     */
    static boolean widens(TypeName old, Action.AlterColumnType t) {
        TypeName now = t.type();
        if (!t.convertsPlainly() || old.array() != now.array()) {
            return false;
        }
        String from = old.base();
        String to = now.base();
        if (INTEGERS.contains(from) && INTEGERS.contains(to)) {
            return INTEGERS.indexOf(to) >= INTEGERS.indexOf(from);
        }
        if (INTEGERS.contains(from) && to.equals("numeric")) {
            return now.precision().map(p -> now.scale().map(s -> p - s >= DIGITS.get(INTEGERS.indexOf(from)))
                    .orElse(true)).orElse(true);
        }
        if (TEXTUAL.contains(from) && (to.equals("text") || to.equals("varchar") && now.length().isEmpty())) {
            return true;
        }
        if ((from.equals("varchar") || from.equals("char")) && to.equals(from)) {
            return now.length().isEmpty() || old.length().map(n -> now.length().get() >= n).orElse(false);
        }
        if (from.equals("numeric") && to.equals("numeric")) {
            if (now.precision().isEmpty()) {
                return true;
            }
            return old.precision().isPresent() && now.scale().get() >= old.scale().get()
                    && now.precision().get() - now.scale().get() >= old.precision().get() - old.scale().get();
        }
        return from.equals(to) && (now.modifiers().isEmpty() || now.modifiers().equals(old.modifiers()));
    }

    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");
    /** The decimal digits each of {@link #INTEGERS} needs. */
    private static final List<Integer> DIGITS = List.of(5, 10, 19);
    private static final Set<String> TEXTUAL = Set.of("varchar", "char", "text");

    private static String renameColumnRecipe(Action.RenameColumn r) {
        String t = r.table().display();
        return "-- V1 (expand): the new column beside the old one, kept in step for the old code's writes\n"
                + "ALTER TABLE " + t + " ADD COLUMN " + r.to() + " <type>;\n"
                + "-- a trigger copies " + r.from() + " into " + r.to() + " on INSERT/UPDATE\n"
                + "-- V2 (expand): -- godwit:batch size=10000 pause=50ms\n"
                + "UPDATE " + t + " SET " + r.to() + " = " + r.from() + " WHERE " + r.to() + " IS DISTINCT FROM "
                + r.from() + ";\n"
                + "-- deploy code that reads and writes " + r.to() + "\n"
                + "-- V3: -- godwit:phase contract\n"
                + "DROP TRIGGER ...; ALTER TABLE " + t + " DROP COLUMN " + r.from() + ";\n-- see " + RECIPE;
    }

    private static String typeChangeRecipe(Action.AlterColumnType c) {
        String t = c.table().display();
        String n = c.column() + "_new";
        return "-- V1 (expand): ALTER TABLE " + t + " ADD COLUMN " + n + " " + c.type() + "; plus a trigger that"
                + " fills it from " + c.column() + "\n"
                + "-- V2 (expand): -- godwit:batch size=10000 pause=50ms\n"
                + "UPDATE " + t + " SET " + n + " = " + c.column() + "::" + c.type() + " WHERE " + n + " IS NULL AND "
                + c.column() + " IS NOT NULL;\n"
                + "-- deploy code that reads and writes " + n + "\n"
                + "-- V3: -- godwit:phase contract\n"
                + "ALTER TABLE " + t + " DROP COLUMN " + c.column() + "; ALTER TABLE " + t + " RENAME COLUMN " + n
                + " TO " + c.column() + ";\n-- see " + RECIPE;
    }

    private static String notNullRecipe(String table, String column, String type) {
        return "-- V1 (expand): ALTER TABLE " + table + " ADD COLUMN " + column + " " + type + ";  -- nullable,"
                + " or NOT NULL with a DEFAULT\n"
                + "-- V2 (expand): -- godwit:batch size=10000 pause=50ms\n"
                + "UPDATE " + table + " SET " + column + " = <value> WHERE " + column + " IS NULL;\n"
                + "-- deploy code that always writes " + column + "\n"
                + "-- V3: -- godwit:phase contract\n"
                + "ALTER TABLE " + table + " ADD CONSTRAINT " + column + "_not_null CHECK (" + column
                + " IS NOT NULL) NOT VALID;\nALTER TABLE " + table + " VALIDATE CONSTRAINT " + column + "_not_null;\n"
                + "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET NOT NULL;\n-- see " + RECIPE;
    }

    private static Finding finding(String file, StatementAnalysis a, String message, String recipe) {
        return new Finding(ID, Risk.CRITICAL, file, a.statement().line(), a.statement().column(),
                a.statement().summary(), message + "; in the expand phase only backward-compatible changes run:"
                + " move it to a contract migration (-- godwit:phase contract), after the expand steps below",
                Optional.empty(), Work.CATALOG, recipe, Optional.empty());
    }
}
