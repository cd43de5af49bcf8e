package dev.godwit.sql.analysis;

import static dev.godwit.sql.analysis.LockMode.ACCESS_EXCLUSIVE;
import static dev.godwit.sql.analysis.LockMode.SHARE_ROW_EXCLUSIVE;
import static dev.godwit.sql.analysis.LockMode.SHARE_UPDATE_EXCLUSIVE;

import dev.godwit.sql.TokenCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** ALTER TABLE: each sub-command becomes one {@link Action}, with the lock the manual gives it. */
final class AlterTables {

    private AlterTables() {}

    /** The cursor is after {@code ALTER TABLE}. */
    static List<Action> read(TokenCursor c) {
        if (c.isWord("ALL")) {
            return List.of(new Action.Unanalysed(Optional.empty(), "ALTER TABLE ALL IN TABLESPACE moves every table"));
        }
        c.accept("IF", "EXISTS");
        c.accept("ONLY");
        String name = c.qualifiedName();
        if (name == null) {
            return List.of(new Action.Unanalysed(Optional.empty(), "no table name after ALTER TABLE"));
        }
        Relation table = Relation.parse(name);
        c.acceptStar();
        if (c.isWord("RENAME") || c.isWord("ATTACH") || c.isWord("DETACH") || c.isWord("SET")) {
            Optional<Action> whole = wholeTable(c, table);
            if (whole.isPresent()) {
                return List.of(whole.get());
            }
        }
        List<Action> actions = new ArrayList<>();
        int start = c.position();
        for (TokenCursor sub : subCommands(c, start)) {
            actions.add(subCommand(sub, table));
        }
        return actions.isEmpty() ? List.of(new Action.Unanalysed(Optional.of(table), "ALTER TABLE without an action"))
                : droppedKeys(actions);
    }

    /**
     * {@code DROP CONSTRAINT k, ADD CONSTRAINT k FOREIGN KEY … REFERENCES p}: the key dropped is taken to be a
     * foreign key to the same table, whose ACCESS EXCLUSIVE lock the drop then takes on p as well.
     */
    private static List<Action> droppedKeys(List<Action> actions) {
        if (actions.size() < 2) {
            return actions;
        }
        List<Action> out = new ArrayList<>(actions);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) instanceof Action.DropConstraint d && d.references().isEmpty()) {
                for (Action a : actions) {
                    if (a instanceof Action.AddConstraint k && k.constraint().references().isPresent()
                            && k.constraint().name().filter(n -> n.equals(d.name())).isPresent()) {
                        out.set(i, d.referencing(k.constraint().references().get().table()));
                    }
                }
            }
        }
        return out;
    }

    /** RENAME …, ATTACH / DETACH PARTITION, SET SCHEMA: forms that stand alone. */
    private static Optional<Action> wholeTable(TokenCursor c, Relation table) {
        int at = c.position();
        if (c.accept("RENAME", "TO")) {
            return Optional.of(new Action.RenameTable(table, c.simpleName()));
        }
        if (c.accept("RENAME", "CONSTRAINT")) {
            String from = c.simpleName();
            c.accept("TO");
            return Optional.of(new Action.RenameConstraint(table, from, c.simpleName()));
        }
        if (c.accept("RENAME")) {
            c.accept("COLUMN");
            String from = c.simpleName();
            c.accept("TO");
            return Optional.of(new Action.RenameColumn(table, from, c.simpleName()));
        }
        if (c.accept("ATTACH", "PARTITION")) {
            return Optional.of(new Action.AttachPartition(table, Relation.parse(orUnknown(c.qualifiedName()))));
        }
        if (c.accept("DETACH", "PARTITION")) {
            Relation partition = Relation.parse(orUnknown(c.qualifiedName()));
            return Optional.of(new Action.DetachPartition(table, partition, c.accept("CONCURRENTLY"),
                    c.accept("FINALIZE")));
        }
        if (c.accept("SET", "SCHEMA")) {
            return Optional.of(new Action.OtherAlterTable(table, "SET SCHEMA", ACCESS_EXCLUSIVE, false));
        }
        c.moveTo(at);
        return Optional.empty();
    }

    private static String orUnknown(String name) {
        return name == null ? "?" : name;
    }

    /** The comma-separated sub-commands, each as its own cursor. */
    private static List<TokenCursor> subCommands(TokenCursor c, int start) {
        List<TokenCursor> subs = new ArrayList<>();
        int from = start;
        while (!c.atEnd()) {
            boolean comma = c.skipToTopLevel(true);
            subs.add(c.slice(from, c.position()));
            if (!comma) {
                break;
            }
            c.moveOn();
            from = c.position();
        }
        return subs;
    }

    private static Action subCommand(TokenCursor c, Relation table) {
        if (c.accept("ADD")) {
            return add(c, table);
        }
        if (c.accept("DROP")) {
            return drop(c, table);
        }
        if (c.accept("ALTER")) {
            if (c.accept("CONSTRAINT")) {
                return new Action.OtherAlterTable(table, "ALTER CONSTRAINT", ACCESS_EXCLUSIVE, false);
            }
            c.accept("COLUMN");
            return alterColumn(c, table, c.simpleName());
        }
        if (c.accept("VALIDATE", "CONSTRAINT")) {
            return new Action.ValidateConstraint(table, c.simpleName());
        }
        return other(c, table);
    }

    private static Action add(TokenCursor c, Relation table) {
        if (Columns.startsConstraint(c)) {
            ConstraintDef k = Columns.constraint(c);
            return k == null ? unanalysed(table, c) : new Action.AddConstraint(table, k);
        }
        c.accept("COLUMN");
        c.accept("IF", "NOT", "EXISTS");
        ColumnDef col = Columns.column(c);
        return col == null ? unanalysed(table, c) : new Action.AddColumn(table, col);
    }

    private static Action drop(TokenCursor c, Relation table) {
        if (c.accept("CONSTRAINT")) {
            c.accept("IF", "EXISTS");
            String name = c.simpleName();
            return new Action.DropConstraint(table, name, rest(c).contains("CASCADE"), Optional.empty());
        }
        if (c.isWord("ROW") || c.isWord("RULE") || c.isWord("TRIGGER")) {
            return other(c, table);
        }
        c.accept("COLUMN");
        c.accept("IF", "EXISTS");
        String column = c.simpleName();
        return new Action.DropColumn(table, column, rest(c).contains("CASCADE"));
    }

    private static Action alterColumn(TokenCursor c, Relation table, String column) {
        if (column == null) {
            return unanalysed(table, c);
        }
        if (c.accept("TYPE") || c.accept("SET", "DATA", "TYPE")) {
            TypeName type = Types.read(c);
            if (type == null) {
                return unanalysed(table, c);
            }
            Optional<String> using = Optional.empty();
            while (!c.atEnd()) {
                if (c.accept("USING")) {
                    int from = c.position();
                    c.skipToTopLevel(false);
                    using = Optional.of(c.text(from, c.position()));
                } else {
                    c.moveOn();
                }
            }
            return new Action.AlterColumnType(table, column, type, using);
        }
        if (c.accept("SET", "NOT", "NULL")) {
            return new Action.SetNotNull(table, column);
        }
        if (c.accept("DROP", "NOT", "NULL")) {
            return new Action.DropNotNull(table, column);
        }
        if (c.accept("SET", "DEFAULT")) {
            return new Action.SetDefault(table, column, Optional.of(c.rest()));
        }
        if (c.accept("DROP", "DEFAULT")) {
            return new Action.SetDefault(table, column, Optional.empty());
        }
        if (c.accept("SET", "STATISTICS") || c.isWord("SET") && c.size() > c.position() + 1
                && c.get(c.position() + 1).text().equals("(") || c.accept("RESET")) {
            return new Action.OtherAlterTable(table, "ALTER COLUMN " + column + " statistics/options",
                    SHARE_UPDATE_EXCLUSIVE, false);
        }
        if (c.accept("ADD", "GENERATED") || c.accept("DROP", "IDENTITY") || c.accept("SET", "STORAGE")
                || c.accept("SET", "COMPRESSION") || c.isWord("SET") || c.isWord("RESTART")) {
            return new Action.OtherAlterTable(table, "ALTER COLUMN " + column + " " + c.rest(), ACCESS_EXCLUSIVE,
                    false);
        }
        if (c.accept("DROP", "EXPRESSION")) {
            return new Action.OtherAlterTable(table, "ALTER COLUMN " + column + " DROP EXPRESSION", ACCESS_EXCLUSIVE,
                    true);
        }
        return unanalysed(table, c);
    }

    /** The sub-commands that change no column or constraint: their locks from the ALTER TABLE page. */
    private static Action other(TokenCursor c, Relation table) {
        String words = c.rest();
        if (c.isWord("ENABLE") || c.isWord("DISABLE")) {
            boolean trigger = c.size() > 1 && (c.get(c.position() + 1).isWord("TRIGGER")
                    || c.size() > 2 && c.get(c.position() + 2).isWord("TRIGGER"));
            return new Action.OtherAlterTable(table, words, trigger ? SHARE_ROW_EXCLUSIVE : ACCESS_EXCLUSIVE, false);
        }
        if (c.accept("SET", "LOGGED") || c.accept("SET", "UNLOGGED") || c.accept("SET", "TABLESPACE")
                || c.accept("SET", "ACCESS", "METHOD")) {
            return new Action.OtherAlterTable(table, words, ACCESS_EXCLUSIVE, true);
        }
        if (c.accept("SET", "WITHOUT", "CLUSTER") || c.accept("CLUSTER", "ON")
                || c.isWord("SET") && c.position() + 1 < c.size() && c.get(c.position() + 1).text().equals("(")
                || c.isWord("RESET")) {
            return new Action.OtherAlterTable(table, words, SHARE_UPDATE_EXCLUSIVE, false);
        }
        if (c.isWord("OWNER") || c.isWord("REPLICA") || c.isWord("INHERIT") || c.isWord("NO") || c.isWord("FORCE")
                || c.isWord("OF") || c.isWord("NOT") || c.isWord("SET") || c.isWord("DROP")) {
            return new Action.OtherAlterTable(table, words, ACCESS_EXCLUSIVE, false);
        }
        return unanalysed(table, c);
    }

    private static String rest(TokenCursor c) {
        return c.rest().toUpperCase(java.util.Locale.ROOT);
    }

    private static Action unanalysed(Relation table, TokenCursor c) {
        String what = c.size() == 0 ? "" : c.text(0, c.size());
        return new Action.Unanalysed(Optional.of(table), "ALTER TABLE sub-command not recognised: " + what);
    }
}
