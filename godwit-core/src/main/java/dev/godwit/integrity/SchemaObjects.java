package dev.godwit.integrity;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The audit's checks of keys, constraints and indexes that need no naming rules: straight from the catalog. */
final class SchemaObjects {

    private SchemaObjects() {}

    static List<Finding> find(UserCatalog cat) throws SQLException {
        List<Finding> out = new ArrayList<>();
        out.addAll(foreignKeysWithoutIndex(cat));
        out.addAll(cat.query("select c.oid::regclass::text from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where c.relkind in ('r', 'p') and not c.relispartition and" + UserCatalog.USER_SCHEMAS
                + " and not exists (select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'p')"
                + " order by 1",
                rs -> new Finding("table-without-primary-key", rs.getString(1), "has no primary key: rows cannot be"
                        + " told apart reliably (duplicates, logical replication, audits); add one")));
        out.addAll(cat.query("select k.conname, c.oid::regclass::text, k.contype from pg_constraint k"
                + " join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace"
                + " where not k.convalidated and" + UserCatalog.USER_SCHEMAS + " order by 2, 1",
                rs -> new Finding("not-valid-constraint", rs.getString(1) + " on " + rs.getString(2),
                        ("f".equals(rs.getString(3)) ? "foreign key" : "constraint") + " is NOT VALID: existing rows"
                        + " were never checked; run ALTER TABLE " + rs.getString(2) + " VALIDATE CONSTRAINT "
                        + rs.getString(1) + " (it takes only a SHARE UPDATE EXCLUSIVE lock)")));
        out.addAll(cat.query("select i.indexrelid::regclass::text, c.oid::regclass::text from pg_index i"
                + " join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace"
                + " where not i.indisvalid and" + UserCatalog.USER_SCHEMAS + " order by 2, 1",
                rs -> new Finding("invalid-index", rs.getString(1) + " on " + rs.getString(2), "is INVALID (a"
                        + " failed CREATE INDEX CONCURRENTLY?): every write still maintains it, no query uses it;"
                        + " DROP INDEX CONCURRENTLY " + rs.getString(1) + " and build it again")));
        return out;
    }

    /** A foreign key whose columns do not lead some valid, non-partial index: every delete upstream scans. */
    private static List<Finding> foreignKeysWithoutIndex(UserCatalog cat) throws SQLException {
        return cat.query("select k.conname, c.oid::regclass::text, (select string_agg(quote_ident(a.attname), ', '"
                + " order by array_position(k.conkey, a.attnum)) from pg_attribute a where a.attrelid = k.conrelid"
                + " and a.attnum = any(k.conkey)), k.confrelid::regclass::text from pg_constraint k"
                + " join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace"
                + " where k.contype = 'f' and k.conparentid = 0 and not c.relispartition and" + UserCatalog.USER_SCHEMAS
                + " and not exists (select 1 from pg_index i where i.indrelid = k.conrelid and i.indisvalid"
                + " and i.indpred is null and (i.indkey::int2[])[0:cardinality(k.conkey) - 1] @> k.conkey)"
                + " order by 2, 1",
                rs -> new Finding("foreign-key-without-index", rs.getString(1) + " on " + rs.getString(2), "("
                        + rs.getString(3) + ") has no index that starts with its columns: every DELETE or key UPDATE"
                        + " on " + rs.getString(4) + " scans " + rs.getString(2) + "; CREATE INDEX CONCURRENTLY ON "
                        + rs.getString(2) + " (" + rs.getString(3) + ")"));
    }
}
