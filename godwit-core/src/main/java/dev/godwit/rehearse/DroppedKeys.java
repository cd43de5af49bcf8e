package dev.godwit.rehearse;

import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog's answer to what a statement alone cannot say: which table a dropped foreign key references.
 * PostgreSQL takes ACCESS EXCLUSIVE there too (it removes the key's triggers on that table), so the prediction
 * must name it. Read before the statement runs, while the key still exists.
 */
final class DroppedKeys {

    private static final String SQL = "select n.nspname, r.relname from pg_constraint k"
            + " join pg_class r on r.oid = k.confrelid join pg_namespace n on n.oid = r.relnamespace"
            + " where k.contype = 'f' and k.conname = ? and k.conrelid = to_regclass(?)";

    private DroppedKeys() {}

    /** {@code analysis} with each DROP CONSTRAINT of a foreign key knowing its referenced table. */
    static StatementAnalysis resolve(StatementAnalysis analysis, Connection conn) throws SQLException {
        if (!analysis.has(Action.DropConstraint.class)) {
            return analysis;
        }
        List<Action> actions = new ArrayList<>();
        for (Action a : analysis.actions()) {
            actions.add(a instanceof Action.DropConstraint d && d.references().isEmpty() ? resolve(d, conn) : a);
        }
        return new StatementAnalysis(analysis.statement(), analysis.kind(), actions);
    }

    private static Action resolve(Action.DropConstraint d, Connection conn) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(SQL)) {
            ps.setString(1, d.name());
            ps.setString(2, quoted(d.table()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? d.referencing(new Relation(java.util.Optional.of(rs.getString(1)), rs.getString(2)))
                        : d;
            }
        }
    }

    private static String quoted(Relation r) {
        String name = "\"" + r.name().replace("\"", "\"\"") + "\"";
        return r.schema().map(s -> "\"" + s.replace("\"", "\"\"") + "\"." + name).orElse(name);
    }
}
