package dev.godwit.db;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A permission error (SQLSTATE 42501) on Godwit's own objects, said with the grant that is missing. Once Godwit's
 * schema exists, a deploy role needs no CREATE: USAGE on the schema and DML on its tables (docs/operations.md,
 * "Grants for a deploy role").
 */
public final class Grants {

    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final Pattern DENIED = Pattern.compile("permission denied for (table|relation|schema|database|sequence) \"?([^\\s\"]+)\"?");

    private Grants() {}

    public static boolean denied(SQLException e) {
        return INSUFFICIENT_PRIVILEGE.equals(e.getSQLState());
    }

    /** What went wrong, the grant that fixes it, and what a deploy role needs in general. */
    public static String advice(SQLException e, String role, String schema, String database) {
        String message = String.valueOf(e.getMessage()).replaceFirst("^ERROR: ", "");
        int newline = message.indexOf('\n');
        if (newline > 0) {
            message = message.substring(0, newline);
        }
        StringBuilder sb = new StringBuilder("the role ").append(role).append(" lacks a privilege Godwit needs: ")
                .append(message).append(" (SQLSTATE 42501)");
        Matcher m = DENIED.matcher(message);
        if (m.find()) {
            sb.append("\n  grant it (as the object's owner or a superuser):\n    ").append(grant(m.group(1), m.group(2),
                    role, schema, database));
        }
        String s = Identifiers.quote(schema);
        sb.append("\n  a deploy role needs, once Godwit's schema exists: GRANT USAGE ON SCHEMA ").append(s).append(" TO ")
                .append(role).append("; GRANT SELECT, INSERT, UPDATE, DELETE ON ").append(s).append(".history, ")
                .append(s).append(".lock, ").append(s).append(".applied TO ").append(role).append("; GRANT SELECT, INSERT ON ")
                .append(s).append(".audit_log TO ").append(role)
                .append(" (and what its migrations need); see docs/operations.md, \"Grants for a deploy role\"");
        return sb.toString();
    }

    private static String grant(String kind, String name, String role, String schema, String database) {
        String s = Identifiers.quote(schema);
        return switch (kind) {
            case "schema" -> name.equals(schema)
                    ? "GRANT USAGE ON SCHEMA " + s + " TO " + role + ";  (CREATE too, only while Godwit must still create"
                            + " a table there: or let the schema's owner run godwit once)"
                    : "GRANT USAGE, CREATE ON SCHEMA " + Identifiers.quote(name) + " TO " + role + ";";
            case "database" -> "GRANT CREATE ON DATABASE " + Identifiers.quote(database) + " TO " + role
                    + ";  (only to create Godwit's schema, once; or create it as its owner: godwit init --sql)";
            case "sequence" -> "GRANT USAGE, SELECT ON SEQUENCE " + name + " TO " + role + ";";
            default -> name.equals("audit_log") ? "GRANT SELECT, INSERT ON " + s + ".audit_log TO " + role + ";"
                    : isGodwits(name) ? "GRANT SELECT, INSERT, UPDATE, DELETE ON " + s + "." + name + " TO " + role + ";"
                    : "GRANT the privilege on table " + name + " TO " + role + ";";
        };
    }

    private static boolean isGodwits(String table) {
        return table.equals("history") || table.equals("lock") || table.equals("applied");
    }
}
