package dev.godwit.sql.analysis;

import dev.godwit.sql.SqlStatement;
import dev.godwit.sql.TransactionRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one statement is and does: its actions, in order, and the table locks they take together.
 *
 * <p>A class rather than a record only to remember its locks: rules ask for them again for every later
 * statement of a file (held locks, earlier ALTERs of a table), which made linting a large file quadratic in
 * allocations. Immutable otherwise; equal by statement, kind and actions.
 */
public final class StatementAnalysis {

    private final SqlStatement statement;
    private final String kind;
    private final List<Action> actions;
    /** The locks for the last PostgreSQL major asked about; one linter run asks about one. */
    private volatile Locks locks;

    private record Locks(int pgVersion, List<TableLock> list) {}

    /** {@link TransactionRules#whyNotInTransaction}, worked out once: several rules and checks ask it of each statement. */
    private volatile Optional<String> notInTransaction;

    /** Empty when the statement can run inside a transaction block; otherwise why PostgreSQL refuses it there. */
    public Optional<String> whyNotInTransaction() {
        Optional<String> why = notInTransaction;
        if (why == null) {
            why = TransactionRules.whyNotInTransaction(statement);
            notInTransaction = why;
        }
        return why;
    }

    /**
     * @param kind    the statement's head in words ({@code ALTER TABLE}, {@code CREATE INDEX}, {@code UPDATE})
     * @param actions what it does; never empty ({@link Action.Unanalysed} when Godwit cannot tell)
     */
    public StatementAnalysis(SqlStatement statement, String kind, List<Action> actions) {
        this.statement = Objects.requireNonNull(statement, "statement");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.actions = List.copyOf(actions);
    }

    public SqlStatement statement() {
        return statement;
    }

    public String kind() {
        return kind;
    }

    public List<Action> actions() {
        return actions;
    }

    /** The strongest lock per table over all actions, in the order the tables first appear. */
    public List<TableLock> locks(int pgVersion) {
        Locks known = locks;
        if (known == null || known.pgVersion() != pgVersion) {
            known = new Locks(pgVersion, strongestLocks(pgVersion));
            locks = known;
        }
        return known.list();
    }

    private List<TableLock> strongestLocks(int pgVersion) {
        Map<String, TableLock> strongest = new LinkedHashMap<>();
        for (Action a : actions) {
            for (TableLock l : a.locks(pgVersion)) {
                strongest.merge(l.relation().display(), l,
                        (old, now) -> old.mode().compareTo(now.mode()) >= 0 ? old : now);
            }
        }
        return List.copyOf(strongest.values());
    }

    /** The actions of one type, e.g. {@code of(Action.AddColumn.class)}; read-only. */
    public <T extends Action> List<T> of(Class<T> type) {
        // Every rule asks this of every statement, and most have none: no list, and (emptyList, not List.of) no
        // iterator either when a rule loops over it.
        List<T> out = null;
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            if (type.isInstance(a)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(type.cast(a));
            }
        }
        return out == null ? Collections.emptyList() : out;
    }

    /** True when an action is of this type. */
    public boolean has(Class<? extends Action> type) {
        for (int i = 0; i < actions.size(); i++) {
            if (type.isInstance(actions.get(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatementAnalysis other && statement.equals(other.statement) && kind.equals(other.kind)
                && actions.equals(other.actions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(statement, kind, actions);
    }

    @Override
    public String toString() {
        return "StatementAnalysis[statement=" + statement + ", kind=" + kind + ", actions=" + actions + "]";
    }
}
