package dev.godwit.execute;

import dev.godwit.plan.PreparedMigration;
import dev.godwit.sql.SqlStatement;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** PostgreSQL errors said for people: where in the file, what, and PostgreSQL's own hint. */
final class SqlErrors {

    private SqlErrors() {}

    /** {@code file:line:col} of the error: the statement's start, moved to the error's position when known. */
    static String location(PreparedMigration m, SqlStatement s, SQLException e) {
        int line = s.line();
        int column = s.column();
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server != null && server.getPosition() > 0) {
            String text = s.text();
            int end = Math.min(server.getPosition() - 1, text.length());
            for (int i = 0; i < end; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
        }
        return m.script().script() + ":" + line + ":" + column;
    }

    static String message(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server == null) {
            return e.getMessage() + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
        }
        StringBuilder sb = new StringBuilder(server.getSeverity()).append(": ").append(server.getMessage())
                .append(" (SQLSTATE ").append(server.getSQLState()).append(')');
        if (server.getDetail() != null) {
            sb.append("\n  detail: ").append(server.getDetail());
        }
        if (server.getHint() != null) {
            sb.append("\n  hint: ").append(server.getHint());
        }
        if ("42501".equals(server.getSQLState())) {
            sb.append("\n  hint: the role Godwit connects as lacks a privilege this statement needs: GRANT it (as the"
                    + " object's owner), or run migrations as a role that has it (docs/operations.md, \"Grants for a"
                    + " deploy role\")");
        }
        if ("57014".equals(server.getSQLState())) {
            sb.append("\n  hint: the statement ran past statement_timeout; raise it for this file with"
                    + " `-- godwit:statement-timeout 1h` if the statement really needs that long");
        }
        return sb.toString();
    }
}
