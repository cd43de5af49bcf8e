package dev.godwit.sql;

/**
 * SQL text Godwit cannot read: an unterminated literal or comment, a psql meta-command, a bad directive, an
 * undefined placeholder. It is a checked exception because every caller reads files written by people, and
 * must turn it into a message that points at the line.
 */
public final class SqlSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String problem;

    public SqlSyntaxException(int line, int column, String problem) {
        super("line " + line + ":" + column + ": " + problem);
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without its position, for callers that show the position their own way. */
    public String problem() {
        return problem;
    }
}
