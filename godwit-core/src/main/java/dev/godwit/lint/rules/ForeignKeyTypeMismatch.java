package dev.godwit.lint.rules;

import static dev.godwit.lint.rules.DataRules.ident;
import static dev.godwit.lint.rules.DataRules.table;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.lint.rules.DataRules.NewForeignKey;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TypeName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A foreign key column whose type differs from the referenced column's. PostgreSQL refuses some pairs, and
 * accepts others through cross-type operators or implicit casts — with overflow, slow checks or
 * TimeZone-dependent matching. Both types must be known; unknown types (domains, extensions) are not judged.
 */
public final class ForeignKeyTypeMismatch implements Rule {

    /** Type families whose members PostgreSQL compares with each other; only built-in types are judged. */
    private enum Family { INTEGER, NUMERIC, FLOAT, STRING, BPCHAR, DATETIME, OWN }

    private static final Map<String, Family> FAMILY = Map.ofEntries(
            Map.entry("smallint", Family.INTEGER), Map.entry("integer", Family.INTEGER),
            Map.entry("bigint", Family.INTEGER), Map.entry("numeric", Family.NUMERIC),
            Map.entry("real", Family.FLOAT), Map.entry("double precision", Family.FLOAT),
            Map.entry("text", Family.STRING), Map.entry("varchar", Family.STRING), Map.entry("char", Family.BPCHAR),
            Map.entry("date", Family.DATETIME), Map.entry("timestamp", Family.DATETIME),
            Map.entry("timestamptz", Family.DATETIME), Map.entry("uuid", Family.OWN), Map.entry("boolean", Family.OWN),
            Map.entry("bytea", Family.OWN), Map.entry("jsonb", Family.OWN), Map.entry("time", Family.OWN),
            Map.entry("timetz", Family.OWN), Map.entry("interval", Family.OWN), Map.entry("inet", Family.OWN),
            Map.entry("cidr", Family.OWN), Map.entry("macaddr", Family.OWN), Map.entry("money", Family.OWN),
            Map.entry("oid", Family.OWN), Map.entry("bit", Family.OWN), Map.entry("varbit", Family.OWN));

    /** Implicit casts from a referencing family to a referenced one that PostgreSQL uses for a foreign key. */
    private static final List<List<Family>> IMPLICIT = List.of(List.of(Family.INTEGER, Family.NUMERIC),
            List.of(Family.INTEGER, Family.FLOAT), List.of(Family.NUMERIC, Family.FLOAT),
            List.of(Family.STRING, Family.BPCHAR), List.of(Family.BPCHAR, Family.STRING));

    private enum Verdict { SAME, NARROWER, CROSS_TYPE, IMPLICIT_CAST, REFUSED }

    @Override
    public String id() {
        return "foreign-key-type-mismatch";
    }

    @Override
    public Risk risk() {
        return Risk.HIGH;
    }

    @Override
    public String title() {
        return "Foreign key column of another type than the column it references";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (NewForeignKey fk : DataRules.foreignKeys(statement, context)) {
            for (int i = 0; i < fk.columns().size(); i++) {
                Optional<TypeName> own = fk.types().get(i);
                Optional<TypeName> referenced = DataRules.referencedType(fk, i, context);
                if (own.isEmpty() || referenced.isEmpty()) {
                    continue;
                }
                Verdict v = verdict(own.get(), referenced.get());
                if (v != Verdict.SAME) {
                    report(fk, i, own.get(), referenced.get(), v, context, out);
                }
            }
        }
    }

    private void report(NewForeignKey fk, int i, TypeName own, TypeName referenced, Verdict v, LintContext context,
            Findings out) {
        String column = fk.columns().get(i);
        String parent = fk.references().table().display();
        String target = parent + DataRules.referencedColumn(fk, i, context).map(c -> "." + c).orElse("");
        String pair = fk.table().display() + "." + column + " (" + own.written() + ") references " + target + " ("
                + referenced.written() + "): ";
        String why = switch (v) {
            case REFUSED -> "PostgreSQL refuses this foreign key (ERROR: foreign key constraint … cannot be"
                    + " implemented: incompatible types " + own.written() + " and " + referenced.written() + "), so"
                    + " the migration fails here";
            case NARROWER -> "PostgreSQL accepts it (one integer operator family, indexes used), but once " + target
                    + " passes " + max(own) + ", rows referencing those keys cannot be stored (" + base(own)
                    + " out of range)";
            case IMPLICIT_CAST -> "PostgreSQL accepts it through an implicit cast to " + base(referenced)
                    + ", but every DELETE on " + parent + " and every update of its key looks up "
                    + fk.table().display() + " with " + column + "::" + base(referenced) + " = $1, which cannot use an"
                    + " index on " + column + ": a full scan of " + fk.table().display() + " per parent row; joins"
                    + " need the same cast" + (isBpchar(own) || isBpchar(referenced)
                            ? ", and char's rule that trailing blanks do not count decides which rows match" : "");
            default -> "PostgreSQL accepts it (date, timestamp and timestamptz compare across types), but converting"
                    + " between them depends on the session's TimeZone (and a date is its midnight), so which parent"
                    + " row a value matches depends on the settings of the session that writes it";
        };
        out.add(this, pair + why, Optional.empty(), Work.CATALOG, own.array() != referenced.array()
                ? joinTable(fk, i, referenced, context) : safer(fk, i, referenced, context));
    }

    private static Verdict verdict(TypeName own, TypeName referenced) {
        String a = base(own);
        String b = base(referenced);
        if (own.array() != referenced.array()) {
            return FAMILY.containsKey(a) && FAMILY.containsKey(b) ? Verdict.REFUSED : Verdict.SAME;
        }
        Family fa = FAMILY.get(a);
        Family fb = FAMILY.get(b);
        if (a.equals(b) || fa == null || fb == null || own.array()) {
            return Verdict.SAME; // equal, or a type Godwit cannot judge (a domain may be over the other type)
        }
        if (fa == fb && fa != Family.OWN) {
            return switch (fa) {
                case INTEGER -> width(a) < width(b) ? Verdict.NARROWER : Verdict.SAME;
                case DATETIME -> Verdict.CROSS_TYPE;
                default -> Verdict.SAME; // text and varchar, real and double precision: one operator family
            };
        }
        return IMPLICIT.contains(List.of(fa, fb)) ? Verdict.IMPLICIT_CAST : Verdict.REFUSED;
    }

    private static String safer(NewForeignKey fk, int i, TypeName referenced, LintContext context) {
        String column = ident(fk.columns().get(i));
        String type = sqlType(referenced);
        String refCol = DataRules.referencedColumn(fk, i, context).map(c -> " (" + ident(c) + ")").orElse("");
        String ref = table(fk.references().table()) + refCol;
        if (fk.createdWith().isPresent() || fk.written().startsWith("ADD COLUMN")) {
            return column + " " + type + " REFERENCES " + ref + " -- the referenced column's own type";
        }
        String t = table(fk.table());
        String fresh = ident(fk.columns().get(i) + "_" + base(referenced).replace(' ', '_'));
        return "-- give the column the referenced column's type first: a new column, filled in batches, then the key\n"
                + "ALTER TABLE " + t + " ADD COLUMN " + fresh + " " + type + ";\n"
                + "UPDATE " + t + " SET " + fresh + " = " + column + "::" + type + " WHERE "
                + DataRules.keyColumn(context, fk.table()) + " BETWEEN :from AND :to;\n"
                + "ALTER TABLE " + t + " ADD FOREIGN KEY (" + fresh + ") REFERENCES " + ref + " NOT VALID;";
    }

    /** An array cannot reference a key: one row per element in a table of its own can. */
    private static String joinTable(NewForeignKey fk, int i, TypeName referenced, LintContext context) {
        String element = fk.columns().get(i);
        String link = ident(fk.table().name() + "_" + element);
        String refCol = DataRules.referencedColumn(fk, i, context).orElse("id");
        String one = ident(fk.references().table().name() + "_" + refCol);
        return "-- an array cannot reference a key; one row per element can:\n"
                + "CREATE TABLE " + link + " (" + ident(fk.table().name() + "_id") + " bigint NOT NULL REFERENCES "
                + table(fk.table()) + ", " + one + " " + sqlType(referenced) + " NOT NULL REFERENCES "
                + table(fk.references().table()) + " (" + ident(refCol) + "), PRIMARY KEY ("
                + ident(fk.table().name() + "_id") + ", " + one + "));\n"
                + "CREATE INDEX ON " + link + " (" + one + ");";
    }

    /** The referenced type as a column of the referencing table should have it: a serial is its integer. */
    private static String sqlType(TypeName t) {
        return t.isSerial() ? base(t) : t.written().trim();
    }

    /** The canonical name with serials as the integers they are. */
    private static String base(TypeName t) {
        return switch (t.base()) {
            case "serial" -> "integer";
            case "bigserial" -> "bigint";
            case "smallserial" -> "smallint";
            default -> t.base();
        };
    }

    private static int width(String integer) {
        return integer.equals("smallint") ? 2 : integer.equals("integer") ? 4 : 8;
    }

    private static String max(TypeName t) {
        return base(t).equals("smallint") ? "32,767" : "2,147,483,647";
    }

    private static boolean isBpchar(TypeName t) {
        return t.base().equals("char");
    }
}
