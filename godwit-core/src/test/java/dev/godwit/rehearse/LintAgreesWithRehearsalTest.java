package dev.godwit.rehearse;

import static dev.godwit.rehearse.RehearsalTest.on;
import static dev.godwit.rehearse.RehearsalTest.rehearse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's statements with locks the linter had no model for, rehearsed on tables that exist with rows:
 * {@code godwit rehearse} must find no blocking lock the linter missed (it exited 5 on the foreign-key drops).
 */
@ExtendWith(PostgresExtension.class)
class LintAgreesWithRehearsalTest {

    @TempDir
    Path dir;

    @Test
    void noBlockingLockIsMissed(TestDatabase db) throws Exception {
        db.execute("create table p (id int primary key)",
                "create table c (id int primary key, pid int constraint c_fk references p)",
                "create table t (id int not null, a int, x int, v int, n int,"
                        + " constraint t_v_check check (v > 0) not valid)",
                "create unique index t_n_uniq on t (n)",
                "create index t_a on t (a)",
                "insert into p select g from generate_series(1, 100) g",
                "insert into c select g, g from generate_series(1, 100) g",
                "insert into t select g, g, g, g, g from generate_series(1, 100) g",
                "create materialized view mv as select id from p",
                "create table pt (k int) partition by range (k)",
                "create table pt_2 (k int)",
                "insert into pt_2 values (15)",
                "create function trg_f() returns trigger language plpgsql as $$begin return new; end$$",
                "create trigger trg0 before insert on t for each row execute function trg_f()",
                "create type e as enum ('a', 'b')");
        TestProject p = new TestProject(db, dir)
                .write("V1__drop_fk.sql", "alter table c drop constraint c_fk;")
                .write("V2__fk.sql", "alter table c add constraint c_fk2 foreign key (pid) references p not valid;")
                .write("V3__readd_fk.sql", "alter table c drop constraint c_fk2,"
                        + " add constraint c_fk2 foreign key (pid) references p on delete cascade;")
                .write("V4__refresh.sql", "refresh materialized view mv;")
                .write("V5__logged.sql", "alter table t set unlogged;\nalter table t set logged;")
                .write("V6__lock.sql", "lock table t in share mode;\nselect count(*) from t;")
                .write("V7__attach.sql", "alter table pt attach partition pt_2 for values from (10) to (20);")
                .write("V8__triggers.sql", "create trigger trg1 after update on t for each row execute function trg_f();\n"
                        + "drop trigger trg0 on t;\nalter table t disable trigger all;\nalter table t enable trigger all;")
                .write("V9__identity.sql", "alter table t replica identity full;")
                .write("V10__enum.sql", "alter type e rename value 'a' to 'z';")
                .write("V11__reindex.sql", "reindex (concurrently false) index t_a;")
                .write("V12__validate.sql", "alter table t validate constraint t_v_check, drop column x;")
                .write("V13__pk.sql", "update t set n = id where n is null;\n"
                        + "alter table t add constraint t_pk primary key using index t_n_uniq;")
                .write("V14__do.sql", "do $$ begin alter table t alter column a type bigint; end $$;")
                .write("V15__drop_mv.sql", "drop materialized view mv;");

        RehearsalResult r = rehearse(p, on(db));

        List<String> missed = r.migrations().stream().flatMap(m -> m.disagreements().stream())
                .filter(Disagreement::missedBlock).map(Disagreement::describe).toList();
        assertThat(r.statementFailed()).as(r.toString()).isFalse();
        assertThat(r.migrations()).hasSize(15);
        assertThat(missed).as("blocking locks the linter missed").isEmpty();
        assertThat(r.missedBlockingLock()).isFalse();
    }
}
