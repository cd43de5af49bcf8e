package dev.godwit.rehearse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.sql.SqlScript;
import dev.godwit.sql.analysis.Analyzer;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.StatementAnalysis;
import dev.godwit.sql.analysis.TableLock;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The locks Godwit predicts for the statements of issue 17, held against a real PostgreSQL: each statement runs
 * in an open transaction on a small schema with rows, a second connection reads {@code pg_locks} for that
 * backend, and the strongest mode per table must be the predicted one (a prediction on an index covers its
 * table, as in {@code godwit rehearse}). Where Godwit says the table is rewritten, its relfilenode changes.
 */
@ExtendWith(PostgresExtension.class)
class LocksOnPostgresTest {

    private static final String[] SCHEMA = {
        "create table p (id int primary key)",
        "create table c (id int primary key, pid int constraint c_fk references p)",
        "create table t (id int not null, a int, x int, v int, n int,"
                + " constraint t_v_check check (v > 0) not valid)",
        "create unique index t_id_uniq on t (id)",
        "create unique index t_n_uniq on t (n)",
        "create index t_a on t (a)",
        "insert into p values (1)", "insert into c values (1, 1)", "insert into t values (1, 1, 1, 1, 1)",
        "create materialized view mv as select id from p",
        "create unique index mv_id on mv (id)",
        "create table pt (k int) partition by range (k)",
        "create table pt_2 (k int)",
        "insert into pt_2 values (15)",
        "create function trg_f() returns trigger language plpgsql as $$begin return new; end$$",
        "create trigger trg0 before insert on t for each row execute function trg_f()",
        "create type e as enum ('a', 'b')",
    };

    /** The statement, and the relation it rewrites (empty: none). */
    private static final String[][] CASES = {
        {"alter table c drop constraint c_fk", ""},
        {"alter table c drop constraint c_fk, add constraint c_fk foreign key (pid) references p on delete cascade", ""},
        {"refresh materialized view mv", "mv"},
        {"refresh materialized view concurrently mv", ""},
        {"alter table t set unlogged", "t"},
        {"drop materialized view mv", ""},
        {"lock table t in share mode", ""},
        {"lock table t", ""},
        {"alter table pt attach partition pt_2 for values from (10) to (20)", ""},
        {"create trigger trg1 after update on t for each row execute function trg_f()", ""},
        {"drop trigger trg0 on t", ""},
        {"alter table t disable trigger all", ""},
        {"alter table t replica identity full", ""},
        {"alter type e rename value 'a' to 'z'", ""},
        {"alter table t add constraint t_pk primary key using index t_n_uniq", ""},
        {"reindex (concurrently false) index t_a", ""},
        {"alter table t validate constraint t_v_check, drop column x", ""},
        {"alter table t validate constraint t_v_check", ""},
        {"do $$ begin alter table t alter column a type bigint; end $$", "t"},
    };

    @Test
    void predictedLocksAreTheLocksPostgresTakes(TestDatabase db) throws Exception {
        List<String> wrong = new ArrayList<>();
        try (Connection run = db.connect(); Connection watch = db.connect(); Statement s = run.createStatement();
                Statement w = watch.createStatement()) {
            int pid = pid(s);
            for (String[] k : CASES) {
                s.execute("drop schema public cascade");
                s.execute("create schema public");
                for (String sql : SCHEMA) {
                    s.execute(sql);
                }
                long before = k[1].isEmpty() ? 0 : fileOf(s, k[1]);
                run.setAutoCommit(false);
                StatementAnalysis a = DroppedKeys.resolve(
                        Analyzer.analyze(SqlScript.parse(k[0]).statements().get(0)), run);
                s.execute(k[0]);
                Map<String, LockMode> taken = taken(w, pid);
                Map<String, String> tableOf = indexTables(w);
                if (!k[1].isEmpty()) {
                    assertThat(fileOf(s, k[1])).as("%s rewrites %s", k[0], k[1]).isNotEqualTo(before);
                }
                run.rollback();
                run.setAutoCommit(true);
                String problem = compare(a.locks(15), taken, tableOf);
                if (!problem.isEmpty()) {
                    wrong.add(k[0] + ": " + problem + " (PostgreSQL took " + taken + ")");
                }
            }
        }
        assertThat(wrong).as("statements whose predicted locks differ from PostgreSQL's").isEmpty();
    }

    /** Empty when every table's strongest lock is predicted exactly (or covered by a prediction on its index). */
    private static String compare(List<TableLock> predicted, Map<String, LockMode> taken, Map<String, String> tableOf) {
        Map<String, LockMode> said = new LinkedHashMap<>();
        predicted.forEach(l -> said.merge(l.relation().name(), l.mode(), LockMode::max));
        List<String> out = new ArrayList<>();
        taken.forEach((rel, mode) -> {
            if (tableOf.containsKey(rel)) {
                return; // an index: compared below, through the prediction that names it
            }
            LockMode p = said.get(rel);
            boolean byIndex = said.entrySet().stream().anyMatch(e -> rel.equals(tableOf.get(e.getKey()))
                    && e.getValue().compareTo(mode) >= 0);
            boolean reads = p == null && mode == LockMode.ACCESS_SHARE; // a query's tables (REFRESH): blocks nobody
            if (p != mode && !(p == null && byIndex) && !reads) {
                out.add(rel + " predicted " + (p == null ? "nothing" : p.sqlName()) + ", took " + mode.sqlName());
            }
        });
        said.forEach((rel, mode) -> {
            if (!taken.containsKey(rel) && !tableOf.containsKey(rel)) {
                out.add(rel + " predicted " + mode.sqlName() + ", took nothing");
            }
        });
        return String.join("; ", out);
    }

    private static Map<String, LockMode> taken(Statement w, int pid) throws Exception {
        Map<String, LockMode> out = new LinkedHashMap<>();
        try (ResultSet r = w.executeQuery("select c.relname, l.mode from pg_locks l join pg_class c on c.oid ="
                + " l.relation join pg_namespace n on n.oid = c.relnamespace where l.pid = " + pid
                + " and l.locktype = 'relation' and n.nspname = 'public' and c.relkind in ('r', 'p', 'm', 'i')")) {
            while (r.next()) {
                LockMode m = LockMode.valueOf(r.getString(2).replace("Lock", "")
                        .replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT));
                out.merge(r.getString(1), m, LockMode::max);
            }
        }
        return out;
    }

    private static Map<String, String> indexTables(Statement w) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (ResultSet r = w.executeQuery("select i.relname, t.relname from pg_index x join pg_class i on i.oid ="
                + " x.indexrelid join pg_class t on t.oid = x.indrelid join pg_namespace n on n.oid ="
                + " t.relnamespace where n.nspname = 'public'")) {
            while (r.next()) {
                out.put(r.getString(1), r.getString(2));
            }
        }
        return out;
    }

    private static int pid(Statement s) throws Exception {
        try (ResultSet r = s.executeQuery("select pg_backend_pid()")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static long fileOf(Statement s, String relation) throws Exception {
        try (ResultSet r = s.executeQuery("select relfilenode from pg_class where relname = '" + relation + "'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
