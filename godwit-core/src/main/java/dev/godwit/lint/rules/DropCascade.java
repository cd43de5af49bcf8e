package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.TokenCursor;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import java.util.List;
import java.util.Optional;

/**
 * DROP … CASCADE drops objects the statement does not name: views, other tables' foreign keys, column
 * defaults, and for a type, domain or extension every column of it in every table, with its data.
 * DROP SCHEMA … CASCADE is drop-schema's; TRUNCATE … CASCADE is truncate-table's.
 */
public final class DropCascade implements Rule {

    @Override
    public String id() {
        return "drop-cascade";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "DROP … CASCADE drops objects the statement does not name";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action a : statement.actions()) {
            if (a instanceof Action.DropTable dt && dt.cascade()) {
                List<Relation> old = dt.tables().stream().filter(r -> !context.isNew(r)).toList();
                if (!old.isEmpty()) {
                    report(statement, out, "DROP TABLE " + names(old) + " CASCADE also drops every view built on "
                            + (old.size() > 1 ? "them" : "it") + " and the foreign keys of other tables that reference "
                            + (old.size() > 1 ? "them" : "it") + ": those tables stay, unchecked from then on",
                            Optional.of(new TableLock(old.get(0), LockMode.ACCESS_EXCLUSIVE)), "");
                }
            } else if (a instanceof Action.DropColumn dc && dc.cascade() && !context.isNew(dc.table())
                    && !DataRules.addedEarlierInFile(context, dc.table(), dc.column())) {
                report(statement, out, "DROP COLUMN " + dc.table().display() + "." + dc.column() + " CASCADE also"
                        + " drops every view that uses the column and the foreign keys of other tables that reference"
                        + " it", Optional.of(new TableLock(dc.table(), LockMode.ACCESS_EXCLUSIVE)), "");
            } else if (a instanceof Action.DropConstraint dk && dk.cascade() && !context.isNew(dk.table())) {
                report(statement, out, "DROP CONSTRAINT " + dk.name() + " CASCADE on " + dk.table().display()
                        + " also drops the foreign keys of other tables that rely on it (when it is a primary key or"
                        + " unique constraint): those tables stay, unchecked from then on",
                        Optional.of(new TableLock(dk.table(), LockMode.ACCESS_EXCLUSIVE)), "");
            } else if (a instanceof Action.DropIndex di && di.cascade()) {
                report(statement, out, "DROP INDEX " + names(di.indexes()) + " CASCADE also drops the constraints"
                        + " that depend on it, such as other tables' foreign keys that reference a unique index",
                        di.locks(context.pgVersion()).stream().findFirst(), "");
            } else if (a instanceof Action.DropOther d && d.cascade() && !createdEarlierInFile(context, d)) {
                report(statement, out, "DROP " + d.what() + " " + String.join(", ", d.names()) + " CASCADE also "
                        + dependents(d.what()), Optional.empty(), usersQuery(d));
            }
        }
    }

    private void report(StatementAnalysis statement, Findings out, String message, Optional<TableLock> lock,
            String query) {
        String restrict = statement.statement().text().replaceAll("(?i)\\s+CASCADE\\b", "");
        out.add(this, message, lock, Work.CATALOG,
                "-- see what CASCADE would take: without it (RESTRICT is the default) PostgreSQL refuses, and the"
                        + " error's DETAIL lists every dependent object\n" + query
                        + "-- drop or change each of them by name first, each reviewed on its own, then:\n"
                        + restrict + ";");
    }

    /** What CASCADE takes with an object of this kind, in words. */
    private static String dependents(String what) {
        return switch (what) {
            case "TYPE", "DOMAIN" -> "drops every column of this type in every table, with all its data, and the"
                    + " functions, views and other types that use it";
            case "EXTENSION" -> "drops every column of the extension's types in every table (citext, hstore,"
                    + " geometry, …) with all its data, and the indexes, views and functions that use the extension";
            case "FUNCTION", "PROCEDURE", "ROUTINE", "AGGREGATE" -> "drops the triggers, views, indexes and CHECK"
                    + " constraints that use it, and column defaults calling it (inserts then get NULL instead)";
            case "SEQUENCE" -> "drops the column defaults that call nextval on it: inserts without an explicit id"
                    + " then store NULL or fail on NOT NULL";
            case "VIEW", "MATERIALIZED VIEW" -> "drops every view and materialized view built on it or them";
            case "OWNED" -> "drops every object the role owns in this database, with its data, and everything that"
                    + " depends on them";
            default -> "drops every object that depends on it";
        };
    }

    /** For a type or domain: a query that lists the columns CASCADE would drop. */
    private static String usersQuery(Action.DropOther d) {
        if ((!d.what().equals("TYPE") && !d.what().equals("DOMAIN")) || d.names().isEmpty()) {
            return "";
        }
        String name = Relation.parse(d.names().get(0)).name().replace("'", "''");
        String by = d.what().equals("DOMAIN") ? "domain_name" : "udt_name";
        return "SELECT table_schema, table_name, column_name FROM information_schema.columns WHERE " + by + " = '"
                + name + "';\n";
    }

    /** {@code CREATE [OR REPLACE] <kind> <name>} earlier in this file: what depends on it was made in this file too. */
    private static boolean createdEarlierInFile(LintContext context, Action.DropOther d) {
        for (StatementAnalysis s : context.earlierInFile()) {
            TokenCursor c = new TokenCursor(s.statement());
            c.accept("CREATE");
            c.accept("OR", "REPLACE");
            boolean kind = true;
            for (String w : d.what().split(" ")) {
                kind &= c.accept(w);
            }
            c.accept("IF", "NOT", "EXISTS");
            String name = kind ? c.qualifiedName() : null;
            if (name != null && d.names().stream().anyMatch(n -> Relation.parse(n).sameAs(Relation.parse(name)))) {
                return true;
            }
        }
        return false;
    }

    private static String names(List<Relation> rs) {
        return String.join(", ", rs.stream().map(Relation::display).toList());
    }
}
