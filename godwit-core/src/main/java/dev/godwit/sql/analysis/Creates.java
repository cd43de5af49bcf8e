package dev.godwit.sql.analysis;

import dev.godwit.sql.TokenCursor;
import dev.godwit.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** CREATE TABLE / INDEX / TYPE / DOMAIN / TRIGGER / RULE, ALTER TYPE and ALTER DOMAIN. */
final class Creates {

    private static final Set<String> HARMLESS = Set.of("FUNCTION", "PROCEDURE", "SCHEMA", "SEQUENCE",
            "EXTENSION", "ROLE", "USER", "GROUP", "COLLATION", "OPERATOR", "AGGREGATE", "CAST", "TEXT", "CONVERSION",
            "LANGUAGE", "PUBLICATION", "SERVER", "FOREIGN", "STATISTICS", "TRANSFORM", "ACCESS", "EVENT", "VIEW",
            "TABLESPACE", "DATABASE", "SUBSCRIPTION", "RECURSIVE");

    private Creates() {}

    static List<Action> read(TokenCursor c) {
        c.accept("CREATE");
        c.accept("OR", "REPLACE");
        boolean temporary = c.accept("TEMP") || c.accept("TEMPORARY") || c.accept("LOCAL", "TEMP")
                || c.accept("LOCAL", "TEMPORARY") || c.accept("GLOBAL", "TEMPORARY");
        c.accept("UNLOGGED");
        if (c.accept("TABLE")) {
            return List.of(table(c, temporary));
        }
        if (c.isWord("UNIQUE") || c.isWord("INDEX")) {
            return List.of(index(c));
        }
        if (c.accept("TYPE")) {
            return List.of(type(c));
        }
        if (c.accept("DOMAIN")) {
            return List.of(domain(c));
        }
        if (c.accept("CONSTRAINT", "TRIGGER") || c.accept("TRIGGER")) {
            return List.of(onTable(c, "CREATE TRIGGER", LockMode.SHARE_ROW_EXCLUSIVE, "ON"));
        }
        if (c.accept("RULE")) {
            return List.of(onTable(c, "CREATE RULE", LockMode.ACCESS_EXCLUSIVE, "TO"));
        }
        if (c.accept("POLICY")) {
            // ACCESS EXCLUSIVE on the table, as PostgreSQL's CreatePolicy opens it (seen by godwit rehearse)
            return List.of(onTable(c, "CREATE POLICY", LockMode.ACCESS_EXCLUSIVE, "ON"));
        }
        if (c.accept("MATERIALIZED", "VIEW")) {
            // A new relation with rows, like CREATE TABLE … AS: an index on it later in the run blocks nobody.
            c.accept("IF", "NOT", "EXISTS");
            String name = c.qualifiedName();
            return List.of(name == null ? new Action.Harmless("CREATE MATERIALIZED VIEW")
                    : new Action.CreateTable(Relation.parse(name), List.of(), List.of(), Optional.empty(), true));
        }
        String what = c.isName() ? c.peek().text().toUpperCase(Locale.ROOT) : "";
        if (HARMLESS.contains(what)) {
            return List.of(new Action.Harmless("CREATE " + what));
        }
        return List.of(new Action.Unanalysed(Optional.empty(), "CREATE " + what + " is not analysed"));
    }

    /** {@code CREATE TABLE [IF NOT EXISTS] name (…) | PARTITION OF parent … | AS query}. */
    private static Action table(TokenCursor c, boolean temporary) {
        c.accept("IF", "NOT", "EXISTS");
        String name = c.qualifiedName();
        if (name == null) {
            return new Action.Unanalysed(Optional.empty(), "no table name after CREATE TABLE");
        }
        Relation table = Relation.parse(name);
        Optional<Relation> parent = Optional.empty();
        if (c.accept("PARTITION", "OF")) {
            parent = Optional.ofNullable(c.qualifiedName()).map(Relation::parse);
        }
        if (c.isWord("AS") || c.isWord("OF")) {
            return new Action.CreateTable(table, List.of(), List.of(), parent, true);
        }
        List<ColumnDef> columns = new ArrayList<>();
        List<ConstraintDef> constraints = new ArrayList<>();
        for (TokenCursor e : c.parenthesisedList()) {
            if (e.atEnd() || e.isWord("LIKE")) {
                continue;
            }
            if (Columns.startsConstraint(e)) {
                Optional.ofNullable(Columns.constraint(e)).ifPresent(constraints::add);
            } else {
                Optional.ofNullable(Columns.column(e)).ifPresent(columns::add);
            }
        }
        if (c.skipToTopLevel(false, "AS") && c.accept("AS")) {
            return new Action.CreateTable(table, columns, constraints, parent, true);
        }
        return new Action.CreateTable(table, columns, constraints, parent, false);
    }

    /** {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table [USING m] (…) … [WHERE …]}. */
    private static Action index(TokenCursor c) {
        boolean unique = c.accept("UNIQUE");
        c.accept("INDEX");
        boolean concurrently = c.accept("CONCURRENTLY");
        boolean ifNotExists = c.accept("IF", "NOT", "EXISTS");
        Optional<String> name = Optional.empty();
        if (!c.isWord("ON")) {
            name = Optional.ofNullable(c.simpleName());
        }
        if (!c.accept("ON")) {
            return new Action.Unanalysed(Optional.empty(), "CREATE INDEX without ON table");
        }
        c.accept("ONLY");
        String table = c.qualifiedName();
        if (table == null) {
            return new Action.Unanalysed(Optional.empty(), "CREATE INDEX without a table name");
        }
        if (c.accept("USING")) {
            c.simpleName();
        }
        List<String> columns = Columns.names(c);
        boolean partial = c.skipToTopLevel(false, "WHERE");
        return new Action.CreateIndex(Relation.parse(table), name, unique, concurrently, ifNotExists, columns, partial);
    }

    /** {@code CREATE TYPE name AS ENUM ('a', 'b')}; other types (composite, range, base) lock no table. */
    private static Action type(TokenCursor c) {
        String name = c.qualifiedName();
        if (name != null && c.accept("AS", "ENUM")) {
            List<String> values = new ArrayList<>();
            for (TokenCursor e : c.parenthesisedList()) {
                if (e.size() == 1 && e.get(0).type() == TokenType.STRING) {
                    values.add(e.get(0).text());
                }
            }
            return new Action.CreateEnum(Relation.parse(name), values);
        }
        return new Action.Harmless("CREATE TYPE");
    }

    /** {@code CREATE DOMAIN name [AS] type [DEFAULT …] [[CONSTRAINT n] NOT NULL | CHECK (…)]…}. */
    private static Action domain(TokenCursor c) {
        String name = c.qualifiedName();
        c.accept("AS");
        TypeName type = Types.read(c);
        if (name == null || type == null) {
            return new Action.Unanalysed(Optional.empty(), "CREATE DOMAIN not recognised");
        }
        boolean notNull = false;
        List<String> checks = new ArrayList<>();
        while (!c.atEnd()) {
            if (c.accept("NOT", "NULL")) {
                notNull = true;
            } else if (c.accept("CHECK")) {
                Optional.ofNullable(c.parenthesised()).ifPresent(checks::add);
            } else {
                c.moveOn();
            }
        }
        return new Action.CreateDomain(Relation.parse(name), type, notNull, checks);
    }

    /** {@code ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'v' [BEFORE | AFTER 'w']}; the cursor is after TYPE. */
    static Action alterType(TokenCursor c) {
        String name = c.qualifiedName();
        if (name != null && c.accept("ADD", "VALUE")) {
            c.accept("IF", "NOT", "EXISTS");
            String value = c.atEnd() ? "?" : c.get(c.moveOn()).text();
            Optional<String> placement = c.atEnd() ? Optional.empty() : Optional.of(c.rest());
            return new Action.AddEnumValue(Relation.parse(name), value, placement);
        }
        if (name != null && c.accept("RENAME", "VALUE")) {
            String from = c.atEnd() ? "?" : c.get(c.moveOn()).text();
            c.accept("TO");
            return new Action.RenameEnumValue(Relation.parse(name), from, c.atEnd() ? "?" : c.get(c.moveOn()).text());
        }
        if (name != null && (c.isWord("RENAME") || c.isWord("OWNER") || c.isWord("SET"))) {
            return new Action.Harmless("ALTER TYPE");
        }
        return new Action.Unanalysed(Optional.empty(), "ALTER TYPE " + c.rest() + " is not analysed");
    }

    /** {@code ALTER DOMAIN name ADD [CONSTRAINT n] CHECK (…) [NOT VALID] | SET NOT NULL | …}. */
    static Action alterDomain(TokenCursor c) {
        String name = c.qualifiedName();
        if (name == null) {
            return new Action.Unanalysed(Optional.empty(), "ALTER DOMAIN without a name");
        }
        Relation domain = Relation.parse(name);
        if (c.accept("ADD")) {
            String rest = c.rest();
            return new Action.AlterDomainConstraint(domain, rest, rest.toUpperCase(Locale.ROOT).contains("NOT VALID"));
        }
        if (c.accept("SET", "NOT", "NULL")) {
            return new Action.AlterDomainConstraint(domain, "NOT NULL", false);
        }
        return new Action.Harmless("ALTER DOMAIN");
    }

    /**
     * CREATE TRIGGER name … ON table, CREATE RULE name AS ON event TO table, CREATE / ALTER POLICY name ON table:
     * the lock they take on it.
     */
    static Action onTable(TokenCursor c, String what, LockMode mode, String before) {
        if (c.skipToTopLevel(false, before) && c.accept(before)) {
            String table = c.qualifiedName();
            if (table != null) {
                return new Action.OtherAlterTable(Relation.parse(table), what, mode, false);
            }
        }
        return new Action.Unanalysed(Optional.empty(), what + " without " + before + " table");
    }

}
