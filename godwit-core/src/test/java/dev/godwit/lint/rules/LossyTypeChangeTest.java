package dev.godwit.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.sql.analysis.TypeName;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What lossy-type-change says a change does to a value, held against a real PostgreSQL: the value is stored
 * in the old type, the column changed, and the server either refuses, keeps the value or changes it.
 */
@ExtendWith(PostgresExtension.class)
class LossyTypeChangeTest {

    /** old type, new type, USING (or empty), a value, what PostgreSQL does to it: refuses, changes or keeps. */
    private static final String[][] CASES = {
        {"varchar(10)", "varchar(5)", "", "'abcdefgh'", "refuses"},
        {"varchar(10)", "varchar(5)", "c::varchar(5)", "'abcdefgh'", "changes"},
        {"text", "char(3)", "", "'abcd'", "refuses"},
        {"varchar(10)", "varchar(20)", "", "'abcdefgh'", "keeps"},
        {"numeric(12,4)", "numeric(12,2)", "", "1.2345", "changes"},
        {"numeric(12,2)", "numeric(8,2)", "", "1234567.89", "refuses"},
        {"numeric(12,2)", "numeric(14,2)", "", "1234567.89", "keeps"},
        {"numeric", "numeric(10,2)", "", "1.005", "changes"},
        {"numeric(12,2)", "integer", "", "2.50", "changes"},
        {"numeric(12,0)", "integer", "", "9999999999", "refuses"},
        {"numeric(9,0)", "integer", "", "999999999", "keeps"},
        {"double precision", "bigint", "", "2.5", "changes"},
        {"bigint", "integer", "", "3000000000", "refuses"},
        {"integer", "numeric(6,2)", "", "12345", "refuses"},
        {"integer", "bigint", "", "2147483647", "keeps"},
        {"numeric(12,2)", "double precision", "", "0.10", "changes"},
        {"bigint", "double precision", "", "9007199254740993", "changes"},
        {"timestamptz", "date", "", "'2024-03-01 13:45:00+00'", "changes"},
        {"timestamp", "timestamp(3)", "", "'2024-03-01 13:45:00.123456'", "changes"},
        {"json", "jsonb", "", "'{\"a\": 1, \"a\": 2}'", "changes"},
        {"text", "integer", "c::integer", "'12a'", "refuses"},
    };

    @Test
    void whatTheRuleSaysIsWhatPostgresDoes(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("set timezone = 'UTC'");
            for (String[] k : CASES) {
                boolean explicit = !k[2].isEmpty();
                Optional<LossyTypeChange.Loss> said = LossyTypeChange.loss(TypeName.parse(k[0]).orElseThrow(),
                        TypeName.parse(k[1]).orElseThrow(), explicit, 15);
                String expected = said.map(l -> l.refused() ? "refuses" : "changes").orElse("keeps");
                assertThat(expected).as("Godwit on %s → %s %s", k[0], k[1], k[2]).isEqualTo(k[4]);
                assertThat(observe(s, k)).as("PostgreSQL on %s → %s %s", k[0], k[1], k[2]).isEqualTo(k[4]);
            }
        }
    }

    private static String observe(Statement s, String[] k) throws SQLException {
        s.execute("drop table if exists t");
        s.execute("create table t (c " + k[0] + ")");
        s.execute("insert into t values (" + k[3] + ")");
        String before = text(s);
        try {
            s.execute("alter table t alter column c type " + k[1] + (k[2].isEmpty() ? "" : " using " + k[2]));
        } catch (SQLException e) {
            return "refuses";
        }
        return text(s).equals(before) ? "keeps" : "changes";
    }

    private static String text(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("select c::text from t")) {
            r.next();
            return r.getString(1);
        }
    }
}
