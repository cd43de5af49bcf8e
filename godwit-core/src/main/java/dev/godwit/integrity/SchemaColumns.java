package dev.godwit.integrity;

import dev.godwit.config.MoneyNames;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The columns of the user's tables, and the audit's checks of how money is stored. */
final class SchemaColumns {

    /**
     * One column of a table (partitions left out: their columns are their parent's).
     *
     * @param table  as PostgreSQL prints it ({@code oid::regclass})
     * @param type   as PostgreSQL prints it ({@code numeric(12,2)})
     * @param base   the type's name, a domain's base type for a domain ({@code numeric}, {@code float8})
     * @param typmod the type modifier (a domain's own when it has one); -1 when none
     */
    record Column(long tableOid, String schema, String relname, String table, String name, int attnum, String type,
                  String base, long typeOid, int typmod) {

        String qualified() {
            return table + "." + name;
        }
    }

    private SchemaColumns() {}

    static List<Column> all(UserCatalog cat) throws SQLException {
        return cat.query("select c.oid::bigint, n.nspname, c.relname, c.oid::regclass::text, a.attname, a.attnum,"
                + " format_type(a.atttypid, a.atttypmod), b.typname, b.oid::bigint,"
                + " case when t.typtype = 'd' and t.typtypmod <> -1 then t.typtypmod else a.atttypmod end"
                + " from pg_attribute a join pg_class c on c.oid = a.attrelid"
                + " join pg_namespace n on n.oid = c.relnamespace join pg_type t on t.oid = a.atttypid"
                + " join pg_type b on b.oid = case when t.typtype = 'd' then t.typbasetype else t.oid end"
                + " where c.relkind in ('r', 'p') and not c.relispartition and a.attnum > 0 and not a.attisdropped"
                + " and" + UserCatalog.USER_SCHEMAS + "order by n.nspname, c.relname, a.attnum",
                rs -> new Column(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getInt(10)));
    }

    /** float-money and money-scale. */
    static List<Finding> money(List<Column> columns, MoneyNames names, int scale) {
        List<Finding> out = new ArrayList<>();
        for (Column c : columns) {
            boolean moneyName = names.matches(c.name());
            if (c.base().equals("money")) {
                out.add(new Finding("float-money", c.qualified(), "is of type money, whose scale and currency"
                        + " follow the server's lc_monetary setting; store amounts as numeric(p," + scale + ")"));
            } else if (moneyName && (c.base().equals("float4") || c.base().equals("float8"))) {
                out.add(new Finding("float-money", c.qualified(), "is " + c.type() + ": a binary float cannot hold"
                        + " every cent exactly, so sums drift; store amounts as numeric(p," + scale + ")"));
            } else if (moneyName && c.base().equals("numeric")) {
                if (c.typmod() < 4) {
                    out.add(new Finding("money-scale", c.qualified(), "is numeric without a scale, so it keeps"
                            + " whatever precision arrives; declare numeric(p," + scale + ")"));
                } else if (scaleOf(c.typmod()) != scale) {
                    out.add(new Finding("money-scale", c.qualified(), "is " + c.type() + ": scale "
                            + scaleOf(c.typmod()) + ", where money here has scale " + scale
                            + " ([checks] money_scale)"));
                }
            }
        }
        return out;
    }

    /** numeric's typmod is ((precision << 16) | scale) + 4, the scale a signed 16-bit number. */
    static int scaleOf(int typmod) {
        return (short) ((typmod - 4) & 0xFFFF);
    }
}
