package dev.godwit.run;

import java.util.List;

/**
 * Why a migration failed, said for people.
 *
 * @param location {@code file:line:col} of the statement (and position) that failed
 * @param message PostgreSQL's message with its SQLSTATE, or Godwit's own
 * @param statement the statement's first line
 * @param rolledBack true when the migration's transaction was rolled back, so nothing of it remains
 * @param leftBehind what a non-transactional migration left applied, in words; empty when nothing
 */
public record Failure(String location, String message, String statement, String sqlState, boolean rolledBack,
                      List<String> leftBehind) {

    public String describe() {
        StringBuilder sb = new StringBuilder(location).append(": ").append(message);
        if (statement != null) {
            sb.append("\n  statement: ").append(statement);
        }
        sb.append(rolledBack ? "\n  the migration was rolled back; nothing of it was applied" : "");
        leftBehind.forEach(l -> sb.append("\n  ").append(l));
        return sb.toString();
    }
}
