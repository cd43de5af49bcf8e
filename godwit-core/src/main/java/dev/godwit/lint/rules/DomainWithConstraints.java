package dev.godwit.lint.rules;

import static dev.godwit.lint.rules.DataRules.table;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.lint.Work;
import dev.godwit.sql.TokenCursor;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Constraints on domains: NOT NULL on a domain is not enforced on every path, and adding or validating a
 * domain constraint scans every column of the domain in every table under SHARE (writes blocked).
 */
public final class DomainWithConstraints implements Rule {

    /** PostgreSQL 19 validates domain constraints under SHARE UPDATE EXCLUSIVE (commit 16a0039, 2025). */
    private static final int VALIDATE_WITHOUT_SHARE = 19;

    private static final String LOCK = "SHARE on every table with a column of the domain (INSERT, UPDATE and DELETE"
            + " wait) while each is scanned in full";

    @Override
    public String id() {
        return "domain-with-constraints";
    }

    @Override
    public Risk risk() {
        return Risk.MEDIUM;
    }

    @Override
    public String title() {
        return "Constraint on a domain";
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        for (Action a : statement.actions()) {
            if (a instanceof Action.CreateDomain cd && (cd.notNull() || !cd.checks().isEmpty())) {
                createDomain(cd, out);
            } else if (a instanceof Action.AlterDomainConstraint ad && !createdEarlierInFile(context, ad.domain())) {
                alterDomain(ad, context, out);
            }
        }
        validate(statement, context, out);
    }

    private void createDomain(Action.CreateDomain cd, Findings out) {
        String d = cd.domain().display();
        String notNull = cd.notNull() ? "NOT NULL on a domain is not enforced on every path: a column of " + d
                + " reads as NULL on the nullable side of an outer join, and INSERT … VALUES ((SELECT col … WHERE"
                + " false)) stores a NULL in it" : "";
        String check = cd.checks().isEmpty() ? "" : "changing its CHECK later is ALTER DOMAIN, which takes " + LOCK
                + ", and fails outright while the domain is used inside a composite, array or range column";
        out.add(this, "domain " + d + ": " + join(notNull, check), Optional.empty(), Work.CATALOG,
                "CREATE DOMAIN " + table(cd.domain()) + " AS " + cd.type().written()
                        + String.join("", cd.checks().stream().map(c -> " CHECK (" + c + ")").toList()) + ";"
                        + " -- NULL allowed in the domain\n"
                        + "-- NOT NULL on each column of it instead; a CHECK that may change goes on the columns:\n"
                        + "-- ALTER TABLE <table> ADD CONSTRAINT <name> CHECK (<column> …) NOT VALID, then VALIDATE"
                        + " CONSTRAINT <name> under SHARE UPDATE EXCLUSIVE");
    }

    private void alterDomain(Action.AlterDomainConstraint ad, LintContext context, Findings out) {
        String words = ad.constraint().toUpperCase(Locale.ROOT);
        boolean notNull = words.matches("(?s).*\\bNOT\\s+NULL\\b.*") && !words.contains("CHECK");
        if (ad.notValid() && !notNull) {
            return; // no scan now; VALIDATE CONSTRAINT is where the scan happens, and is reported there
        }
        String d = ad.domain().display();
        out.add(this, "ALTER DOMAIN " + d + (notNull ? " SET NOT NULL" : " ADD " + ad.constraint()) + " checks every"
                + " column of " + d + " in every table: it takes " + LOCK + (notNull ? "; NOT NULL on a domain has no"
                        + " NOT VALID form, and is bypassed by outer joins and empty sub-selects anyway" : "")
                + "; it fails outright while the domain is used inside a composite, array or range column",
                Optional.empty(), Work.SCAN, perColumn(ad.domain(), notNull));
    }

    /** ALTER DOMAIN … VALIDATE CONSTRAINT: the analysis calls it harmless; before 19 it takes SHARE. */
    private void validate(StatementAnalysis statement, LintContext context, Findings out) {
        if (context.pgVersion() >= VALIDATE_WITHOUT_SHARE || !statement.kind().equals("ALTER DOMAIN")) {
            return; // no cursor for the other statements: this runs for every statement of every file
        }
        TokenCursor c = new TokenCursor(statement.statement());
        if (!c.accept("ALTER", "DOMAIN")) {
            return;
        }
        String name = c.qualifiedName();
        if (name == null || !c.accept("VALIDATE", "CONSTRAINT")
                || createdEarlierInFile(context, Relation.parse(name))) {
            return;
        }
        Relation domain = Relation.parse(name);
        out.add(this, "ALTER DOMAIN " + domain.display() + " VALIDATE CONSTRAINT takes " + LOCK + " on PostgreSQL "
                + context.pgVersion() + " (unlike a table's VALIDATE CONSTRAINT, which lets writes go on; PostgreSQL 19"
                + " lowers it to SHARE UPDATE EXCLUSIVE)", Optional.empty(), Work.SCAN, perColumn(domain, false));
    }

    private static String perColumn(Relation domain, boolean notNull) {
        String check = notNull ? "<column> IS NOT NULL" : "<the CHECK, with VALUE replaced by the column>";
        return "-- put the constraint on each column of the domain instead: NOT VALID is a catalog change, VALIDATE"
                + " scans under SHARE UPDATE EXCLUSIVE (reads and writes go on)\n"
                + "SELECT table_schema, table_name, column_name FROM information_schema.columns WHERE domain_name = '"
                + domain.name().replace("'", "''") + "';\n"
                + "ALTER TABLE <table> ADD CONSTRAINT <table>_<column>_check CHECK (" + check + ") NOT VALID;\n"
                + "ALTER TABLE <table> VALIDATE CONSTRAINT <table>_<column>_check;"
                + (notNull ? "\nALTER TABLE <table> ALTER COLUMN <column> SET NOT NULL; -- PostgreSQL 12+ uses the"
                        + " validated CHECK instead of scanning" : "");
    }

    /** True when the domain was created earlier in this file: no existing table uses it yet. */
    private static boolean createdEarlierInFile(LintContext context, Relation domain) {
        return context.earlierInFile().stream().flatMap(s -> s.of(Action.CreateDomain.class).stream())
                .anyMatch(cd -> cd.domain().sameAs(domain));
    }

    private static String join(String a, String b) {
        return String.join("; ", List.of(a, b).stream().filter(s -> !s.isEmpty()).toList());
    }
}
