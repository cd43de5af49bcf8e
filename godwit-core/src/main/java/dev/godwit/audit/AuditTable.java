package dev.godwit.audit;

import dev.godwit.db.Catalog;
import dev.godwit.db.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The DDL of {@code <schema>.audit_log}: the table, and a trigger that rejects UPDATE, DELETE and TRUNCATE. The
 * trigger stops mistakes and casual edits; the hash chain is what catches someone who disabled it.
 */
final class AuditTable {

    static final String NAME = "audit_log";
    static final String COMMENT = "godwit audit log format 1";

    private final String schema;
    private final String table;
    private final String function;

    AuditTable(String schema) {
        this.schema = schema;
        this.table = Identifiers.qualified(schema, NAME);
        this.function = Identifiers.qualified(schema, "audit_log_append_only");
    }

    String qualified() {
        return table;
    }

    boolean exists(Connection c) throws SQLException {
        return Catalog.exists(c, table);
    }

    /**
     * Idempotent; concurrent callers should hold the audit lock (append does). Creates only what is missing, so
     * that a role that may insert into the table but does not own it (a deploy role) can run it.
     */
    void install(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (!dev.godwit.db.Catalog.schemaExists(c, schema)) {
                s.execute("create schema if not exists " + Identifiers.quote(schema));
            }
            if (!exists(c)) {
                s.execute("create table if not exists " + table + " ("
                        + " seq bigint primary key,"
                        + " at timestamptz not null,"
                        + " action text not null,"
                        + " run_id text,"
                        + " version text,"
                        + " os_user text,"
                        + " db_user text not null,"
                        + " host text,"
                        + " ci jsonb not null,"
                        + " ticket text,"
                        + " approver text,"
                        + " details jsonb not null,"
                        + " prev_hash text not null,"
                        + " hash text not null)");
                s.execute("comment on table " + table + " is '" + COMMENT + "'");
            }
            if (!present(c, "select 1 where to_regprocedure(?) is not null", function + "()")) {
                // The message names the table as the reader knows it; errcode 42501 (insufficient_privilege)
                // since no role, however privileged, is meant to do this.
                s.execute("create or replace function " + function + "() returns trigger language plpgsql as $f$"
                        + " begin raise exception '% is append-only: % is not allowed', "
                        + literal(schema + "." + NAME) + ", tg_op"
                        + " using errcode = '42501', hint = 'Godwit''s audit log is hash-chained; it is never edited.';"
                        + " end $f$");
            }
        }
        trigger(c, "audit_log_no_update_delete", "before update or delete on " + table + " for each row");
        trigger(c, "audit_log_no_truncate", "before truncate on " + table + " for each statement");
    }

    /** Whether {@code sql} with one text argument returns a row. */
    private static boolean present(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Creates a missing trigger; leaves one that exists (even disabled) alone: verify judges the rows. */
    private void trigger(Connection c, String name, String when) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select 1 from pg_trigger where tgrelid = to_regclass(?) and tgname = ?")) {
            ps.setString(1, table);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("create trigger " + name + " " + when + " execute function " + function + "()");
        }
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
