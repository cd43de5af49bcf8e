package dev.godwit.testing;

/**
 * A text that changes when the schema or the data of the public schema changes: columns with types,
 * defaults and nullability, constraints, indexes, and an md5 of every table's rows. Two equal
 * fingerprints mean the same schema and the same data.
 */
public final class Fingerprint {

    private Fingerprint() {}

    public static String of(TestDatabase db) {
        String schema = (String) db.queryValue("select string_agg(format('%s.%s %s %s null=%s default=%s',"
                + " table_name, column_name, data_type, coalesce(character_maximum_length::text, ''), is_nullable,"
                + " coalesce(column_default, '')), E'\\n' order by table_name, ordinal_position)"
                + " from information_schema.columns where table_schema = 'public'");
        String constraints = (String) db.queryValue("select string_agg(conname || ' ' || pg_get_constraintdef(c.oid),"
                + " E'\\n' order by conname) from pg_constraint c join pg_namespace n on n.oid = c.connamespace"
                + " where n.nspname = 'public'");
        String indexes = (String) db.queryValue("select string_agg(indexdef, E'\\n' order by indexname)"
                + " from pg_indexes where schemaname = 'public'");
        StringBuilder data = new StringBuilder();
        Object tables = db.queryValue("select string_agg(tablename, ',' order by tablename) from pg_tables"
                + " where schemaname = 'public'");
        if (tables != null) {
            for (String t : tables.toString().split(",")) {
                data.append(t).append(' ').append(db.queryValue("select count(*) || ':' || coalesce(md5(string_agg("
                        + "r::text, ',' order by r::text)), '') from public." + t + " r")).append('\n');
            }
        }
        return "columns:\n" + schema + "\nconstraints:\n" + constraints + "\nindexes:\n" + indexes + "\ndata:\n" + data;
    }
}
