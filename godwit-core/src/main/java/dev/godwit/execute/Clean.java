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
 * {@code godwit clean}: drops every user schema in the database (with everything in it, Godwit's own
 * history included) and recreates an empty {@code public}. For development databases only: refused unless
 * {@code clean_disabled = false} and {@code --yes}, and always refused in an environment named production.
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

    /** Drops the user schemas and returns their names. Call under the migration lock. */
    public static List<String> run(Connection c) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select nspname from pg_namespace where nspname <> 'information_schema'"
                     + " and nspname not like 'pg\\_%' order by nspname")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        try (Statement s = c.createStatement()) {
            for (String schema : schemas) {
                s.execute("drop schema " + Identifiers.quote(schema) + " cascade");
            }
            s.execute("create schema public");
        }
        return schemas;
    }
}
