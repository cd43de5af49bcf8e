package dev.godwit.sql.analysis;

import dev.godwit.sql.SqlStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one statement is and does: its actions, in order, and the table locks they take together.
 *
 * @param kind    the statement's head in words ({@code ALTER TABLE}, {@code CREATE INDEX}, {@code UPDATE})
 * @param actions what it does; never empty ({@link Action.Unanalysed} when Godwit cannot tell)
 */
public record StatementAnalysis(SqlStatement statement, String kind, List<Action> actions) {

    public StatementAnalysis {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(kind, "kind");
        actions = List.copyOf(actions);
    }

    /** The strongest lock per table over all actions, in the order the tables first appear. */
    public List<TableLock> locks(int pgVersion) {
        Map<String, TableLock> strongest = new LinkedHashMap<>();
        for (Action a : actions) {
            for (TableLock l : a.locks(pgVersion)) {
                strongest.merge(l.relation().display(), l,
                        (old, now) -> old.mode().compareTo(now.mode()) >= 0 ? old : now);
            }
        }
        return List.copyOf(strongest.values());
    }

    /** The actions of one type, e.g. {@code of(Action.AddColumn.class)}. */
    public <T extends Action> List<T> of(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Action a : actions) {
            if (type.isInstance(a)) {
                out.add(type.cast(a));
            }
        }
        return out;
    }
}
