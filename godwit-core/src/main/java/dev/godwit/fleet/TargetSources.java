package dev.godwit.fleet;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Targets read from a database: a tenant registry queried with SQL, or the schemas matching a pattern. */
public final class TargetSources {

    /** Godwit's own schemas per tenant start with this; they are never tenants themselves. */
    public static final String HISTORY_PREFIX = "godwit_";

    private TargetSources() {}

    /**
     * The rows of {@code sql}, read in a read-only transaction: columns {@code name} and {@code url} or
     * {@code url_env} (one of them per row), optionally {@code tags} (text[] or comma-separated text) and
     * {@code schema}. A missing column or a bad row is an error naming the row.
     */
    public static List<Target> fromQuery(Connection c, String sql) throws FleetException, SQLException {
        List<Target> out = new ArrayList<>();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement ro = c.createStatement()) {
            ro.execute("set transaction read only"); // a registry query never changes the registry
            try (ResultSet rs = ro.executeQuery(sql)) {
                Set<String> cols = columns(rs.getMetaData());
                if (!cols.contains("name") || !(cols.contains("url") || cols.contains("url_env"))) {
                    throw new FleetException("the targets query must return a column name and a column url or"
                            + " url_env (optionally tags and schema); it returned " + cols);
                }
                int row = 0;
                while (rs.next()) {
                    row++;
                    String where = "targets query row " + row;
                    String name = rs.getString("name");
                    if (name == null || name.isBlank()) {
                        throw new FleetException(where + " has no name");
                    }
                    String url = cols.contains("url") ? rs.getString("url") : null;
                    String urlEnv = cols.contains("url_env") ? rs.getString("url_env") : null;
                    if ((url == null) == (urlEnv == null)) {
                        throw new FleetException(where + " (" + name + "): give url or url_env, exactly one");
                    }
                    Optional<String> schema = cols.contains("schema") ? Optional.ofNullable(rs.getString("schema"))
                            : Optional.empty();
                    if (schema.isPresent()) {
                        FleetFile.checkSchema(schema.get(), where + " (" + name + ") schema");
                    }
                    out.add(new Target(name, url, urlEnv, cols.contains("tags") ? tags(rs) : List.of(), schema));
                }
            }
        } catch (SQLException e) {
            throw new FleetException("the targets query failed: " + e.getMessage()
                    + " (it runs read-only on the registry database)", e);
        } finally {
            c.rollback();
            c.setAutoCommit(auto);
        }
        FleetFile.unique(out, "the targets query");
        return out;
    }

    /**
     * Every schema of the connected database whose name is {@code LIKE pattern}, sorted, as tenants of
     * {@code url}. PostgreSQL's own schemas and Godwit's ({@code godwit*}) are left out.
     */
    public static List<Target> fromSchemas(Connection c, String pattern, String url) throws SQLException,
            FleetException {
        List<Target> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select nspname from pg_namespace where nspname like ?"
                + " and nspname not like 'pg\\_%' and nspname <> 'information_schema'"
                + " and nspname not like 'godwit%' order by nspname collate \"C\"")) {
            ps.setString(1, pattern);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String s = rs.getString(1);
                    FleetFile.checkSchema(s, "schema " + s + " (matched by --schemas " + pattern + ")");
                    out.add(new Target(s, url, null, List.of(), Optional.of(s)));
                }
            }
        }
        if (out.isEmpty()) {
            throw new FleetException("no schema matches --schemas " + pattern + " (a LIKE pattern: % for any"
                    + " characters, _ for one); `select nspname from pg_namespace` lists them");
        }
        return out;
    }

    private static Set<String> columns(ResultSetMetaData md) throws SQLException {
        Set<String> cols = new HashSet<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            cols.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        return cols;
    }

    private static List<String> tags(ResultSet rs) throws SQLException {
        Object v = rs.getObject("tags");
        if (v == null) {
            return List.of();
        }
        if (v instanceof Array a) {
            return Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
        }
        return Arrays.stream(v.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
