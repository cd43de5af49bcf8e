package dev.godwit.execute;

import dev.godwit.db.Identifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code godwit clean}: drops every user schema in the database (with everything in it) and recreates an
 * empty {@code public}. In Godwit's own schema it drops the history, the lock and the applied versions but keeps the audit log:
 * the trail of what happened, the clean included, outlives the clean. For development databases only:
 * refused unless {@code clean_disabled = false} and {@code --yes}, and always in an environment named
 * production.
 */
public final class Clean {

    private Clean() {}

    /** Why clean may not run here, if it may not. */
    public static Optional<String> refusal(boolean cleanDisabled, Optional<String> environment, boolean yes) {
        if (environment.map(e -> e.toLowerCase(Locale.ROOT).equals("production")).orElse(false)) {
            return Optional.of("clean is always refused in the environment named production");
        }
        if (cleanDisabled) {
            return Optional.of("clean is disabled; it drops every schema in the database. To allow it on a"
                    + " development database, set clean_disabled = false under [migrations] and pass --yes");
        }
        if (!yes) {
            return Optional.of("clean drops every schema in the database and everything in them; pass --yes"
                    + " to confirm");
        }
        return Optional.empty();
    }

    /** Drops the user schemas (all but Godwit's) and returns what it dropped. Call under the migration lock. */
    public static List<String> run(Connection c, String godwitSchema) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select nspname from pg_namespace where nspname <> 'information_schema'"
                     + " and nspname not like 'pg\\_%' order by nspname")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        List<String> dropped = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            for (String schema : schemas) {
                if (!schema.equals(godwitSchema)) {
                    s.execute("drop schema " + Identifiers.quote(schema) + " cascade");
                    dropped.add(schema);
                }
            }
            s.execute("create schema if not exists public");
            for (String table : List.of("history", "lock", "applied")) {
                s.execute("drop table if exists " + Identifiers.qualified(godwitSchema, table) + " cascade");
                dropped.add(godwitSchema + "." + table);
            }
        }
        return dropped;
    }
}
