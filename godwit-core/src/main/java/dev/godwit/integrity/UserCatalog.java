package dev.godwit.integrity;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs the audit's catalog queries over the user's schemas (not PostgreSQL's, not Godwit's own). */
final class UserCatalog {

    /** A condition on {@code n.nspname} (pg_namespace n) that keeps the user's schemas; binds one text[]. */
    static final String USER_SCHEMAS = " n.nspname <> all(?) and n.nspname not in ('information_schema')"
            + " and n.nspname !~ '^pg_' ";

    /** One row of a result, by column number from 1. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final List<String> ownSchemas;

    UserCatalog(Connection connection, List<String> ownSchemas) {
        this.connection = connection;
        this.ownSchemas = List.copyOf(ownSchemas);
    }

    Connection connection() {
        return connection;
    }

    /** Runs {@code sql}, whose only parameter is the list of Godwit's own schemas, and reads each row. */
    <T> List<T> query(String sql, Row<T> row) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            Array own = connection.createArrayOf("text", ownSchemas.toArray());
            ps.setArray(1, own);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.read(rs));
                }
                return out;
            }
        }
    }
}
