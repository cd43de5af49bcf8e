package dev.godwit.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What server we are talking to, read from the server itself (not from driver metadata, which can be a
 * pooler's or a proxy's idea of the version).
 *
 * @param versionNum {@code server_version_num}, e.g. 150004
 * @param version    {@code server_version}, e.g. "15.4"
 */
public record ServerInfo(int versionNum, String version, String database, String user) {

    /** 15 for 150004; for the pre-10 numbering (90624) this is 9. */
    public int major() {
        return versionNum / 10000;
    }

    public static ServerInfo of(Connection c) throws SQLException {
        String sql = "select current_setting('server_version_num')::int, current_setting('server_version'),"
                + " current_database(), current_user";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new ServerInfo(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4));
        }
    }
}
