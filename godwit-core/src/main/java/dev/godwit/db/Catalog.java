package dev.godwit.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Questions about the database's catalog that several packages ask. */
public final class Catalog {

    private Catalog() {}

    /**
     * The relation {@code name} resolves to ({@code schema.table} or a bare name on the search_path), as
     * PostgreSQL prints it; empty when there is none.
     */
    public static Optional<String> resolve(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(?)::text")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getString(1));
            }
        }
    }

    public static boolean exists(Connection c, String name) throws SQLException {
        return resolve(c, name).isPresent();
    }

    /** Whether a schema of this exact name exists. */
    public static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("select 1 from pg_namespace where nspname = ?")) {
            ps.setString(1, schema);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
