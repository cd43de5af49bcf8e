package dev.godwit.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class IdentifiersTest {

    static final List<String> TRICKY = List.of("orders", "Orders", "order", "user", "select", "my table",
            "my\"table", "_x", "x$", "$x", "1abc", "a-b", "zoë", "", "\"", "name", "text", "int", "between",
            "left", "current_schema", "schema", "table_", "ALL", "a.b", "é");

    @Test
    void quotesLikeTheServer(TestDatabase db) throws Exception {
        List<String> names = new ArrayList<>(TRICKY);
        try (Connection c = db.connect()) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select word from pg_get_keywords()")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select quote_ident(?)")) {
                for (String name : names) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertThat(Identifiers.quote(name)).as("quote(%s)", name).isEqualTo(rs.getString(1));
                    }
                }
            }
        }
    }

    @Test
    void quotedNamesRoundTripThroughTheServer(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String name : TRICKY) {
                if (name.isEmpty()) {
                    continue; // a zero-length name is not a valid identifier in any form
                }
                s.execute("create table " + Identifiers.qualified("public", name) + " (id int)");
                try (ResultSet rs = s.executeQuery("select relname from pg_class where oid = '"
                        + Identifiers.qualified("public", name).replace("'", "''") + "'::regclass")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo(name);
                }
                s.execute("drop table " + Identifiers.qualified("public", name));
            }
        }
    }

    @Test
    void qualifiesWithQuotesOnlyWhereNeeded() {
        assertThat(Identifiers.qualified("godwit", "history")).isEqualTo("godwit.history");
        assertThat(Identifiers.qualified("Godwit", "user")).isEqualTo("\"Godwit\".\"user\"");
        assertThat(Identifiers.quote("x$")).isEqualTo("\"x$\"");
    }
}
