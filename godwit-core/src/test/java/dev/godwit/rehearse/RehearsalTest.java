package dev.godwit.rehearse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.db.ConnectionSettings;
import dev.godwit.sql.analysis.LockMode;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rehearsals on the shared test server (as {@code --shadow-url}, so no extra server is started): the target
 * is the test's database, the rehearsal gets a database of its own next to it.
 */
@ExtendWith(PostgresExtension.class)
class RehearsalTest {

    @TempDir
    Path dir;

    static ConnectionSettings shadowServer(TestDatabase db) {
        return new ConnectionSettings(db.host(), db.port(), "postgres", db.user(),
                db.password() == null || db.password().isEmpty() ? null : db.password(), null, Map.of(), "test");
    }

    static RehearsalResult rehearse(TestProject p, Rehearsal.Options o) throws Exception {
        return new Rehearsal(p.config(), what -> { }).run(o);
    }

    static Rehearsal.Options on(TestDatabase db) {
        return new Rehearsal.Options(Optional.empty(), Optional.of(shadowServer(db)), Optional.empty(), 0, 0, 0,
                Optional.empty());
    }

    @Test
    void createIndexTakesShareAndAddColumnWithNowTakesAccessExclusiveWithoutRewrite(TestDatabase db) throws Exception {
        db.execute("create table accounts (id bigint primary key, owner text, balance numeric(12,2))",
                "insert into accounts select g, 'o' || g, g from generate_series(1, 100) g",
                "create view owners as select distinct owner from accounts");
        TestProject p = new TestProject(db, dir)
                .write("V1__index.sql", "create index accounts_owner on accounts (owner);\n"
                        + "alter table accounts add column created_at timestamptz default now();\n"
                        + "select count(*) from accounts;")
                .write("U1__index.sql", "alter table accounts drop column created_at;\ndrop index accounts_owner;");

        RehearsalResult r = rehearse(p, on(db));

        assertThat(r.from()).isEqualTo("target");
        assertThat(r.migrations()).hasSize(1);
        List<StatementTrace> s = r.migrations().get(0).statements();
        assertThat(s.get(0).taken()).extracting(ObservedLock::relation, ObservedLock::mode)
                .contains(org.assertj.core.groups.Tuple.tuple("accounts", LockMode.SHARE));
        assertThat(s.get(0).catalogChanges()).anyMatch(c -> c.startsWith("added index public.accounts_owner"));
        assertThat(s.get(0).rewrites()).isEmpty();
        assertThat(s.get(1).taken()).extracting(ObservedLock::relation, ObservedLock::mode)
                .contains(org.assertj.core.groups.Tuple.tuple("accounts", LockMode.ACCESS_EXCLUSIVE));
        assertThat(s.get(1).rewrites()).isEmpty();
        assertThat(s.get(1).catalogChanges()).anyMatch(c -> c.startsWith("added column public.accounts.created_at"));
        // the trace's own catalog reads (the view's definition locks accounts) leave no lock behind
        assertThat(s.get(2).taken()).extracting(ObservedLock::relation, ObservedLock::mode)
                .contains(org.assertj.core.groups.Tuple.tuple("accounts", LockMode.ACCESS_SHARE));
        assertThat(r.migrations().get(0).holds()).anyMatch(h -> h.relation().equals("accounts")
                && h.mode() == LockMode.SHARE && h.toMs() == r.migrations().get(0).holds().stream()
                .mapToLong(LockHold::toMs).max().getAsLong());
        assertThat(r.rollback().status()).isEqualTo(RollbackCheck.Status.PASSED);
        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    @Test
    void alterColumnTypeRewritesTheTableAndItsIndexes(TestDatabase db) throws Exception {
        db.execute("create table ledger (id int primary key, amount int not null)",
                "insert into ledger select g, g from generate_series(1, 50) g");
        TestProject p = new TestProject(db, dir)
                .write("V1__widen.sql", "alter table ledger alter column amount type bigint;")
                .write("U1__widen.sql", "alter table ledger alter column amount type int;");

        RehearsalResult r = rehearse(p, on(db));

        StatementTrace s = r.migrations().get(0).statements().get(0);
        assertThat(s.rewrites()).contains("table ledger", "index ledger_pkey");
        assertThat(s.catalogChanges()).contains("changed column public.ledger.amount: was integer not null,"
                + " now bigint not null");
        assertThat(s.taken()).extracting(ObservedLock::mode).contains(LockMode.ACCESS_EXCLUSIVE);
        assertThat(r.rollback().status()).isEqualTo(RollbackCheck.Status.PASSED);
    }

    @Test
    void aDownScriptThatForgetsAnIndexIsCaught(TestDatabase db) throws Exception {
        db.execute("create table accounts (id bigint primary key, owner text)");
        TestProject p = new TestProject(db, dir)
                .write("V1__note.sql", "alter table accounts add column note text;\n"
                        + "create index accounts_owner on accounts (owner);")
                .write("U1__note.sql", "alter table accounts drop column note;");

        RehearsalResult r = rehearse(p, on(db));

        assertThat(r.rollback().status()).isEqualTo(RollbackCheck.Status.FAILED);
        assertThat(r.rollback().differences()).anyMatch(d -> d.startsWith("extra index public.accounts_owner"));
        assertThat(r.rollback().doesNotRestore()).isTrue();
        assertThat(r.passed()).isFalse();
    }

    @Test
    void aFailingStatementStopsTheTraceAndSaysWhere(TestDatabase db) throws Exception {
        TestProject p = new TestProject(db, dir)
                .write("V1__bad.sql", "create table t (id int);\ninsert into t values ('not a number');");

        RehearsalResult r = rehearse(p, on(db));

        assertThat(r.statementFailed()).isTrue();
        assertThat(r.migrations().get(0).failure()).get().asString().contains("V1__bad.sql:2:1");
        assertThat(r.rollback().status()).isEqualTo(RollbackCheck.Status.SKIPPED);
    }

    @Test
    void syntheticRowsFollowTypesKeysAndForeignKeysAndTheProjectionUsesTheTargetsSizes(TestDatabase db)
            throws Exception {
        db.execute("create type kind as enum ('asset', 'liability')",
                "create table owners (id bigint generated always as identity primary key, email varchar(40) not null"
                        + " unique, ref uuid not null, joined date not null, kind kind not null)",
                "create table accounts (id int primary key, owner_id bigint not null references owners,"
                        + " balance numeric(12,2) not null check (balance > 0), opened timestamptz default now(),"
                        + " active boolean not null, meta jsonb)",
                "insert into owners (email, ref, joined, kind) select 'o' || g, gen_random_uuid(), now(), 'asset'"
                        + " from generate_series(1, 3000) g",
                "insert into accounts select g, 1 + g % 3000, 1, now(), true from generate_series(1, 3000) g",
                "analyze");
        TestProject p = new TestProject(db, dir)
                .write("V1__index.sql", "create index accounts_balance on accounts (balance);")
                .write("U1__index.sql", "drop index accounts_balance;");

        RehearsalResult r = rehearse(p, new Rehearsal.Options(Optional.empty(), Optional.of(shadowServer(db)),
                Optional.empty(), 300, 0, 0, Optional.empty()));

        assertThat(r.notes()).isEmpty();
        assertThat(r.migrations().get(0).projections()).singleElement().asString()
                .startsWith("blocks writes to accounts (~3.0K rows) for about").contains("with 300 rows in the rehearsal");
        assertThat(r.passed()).isTrue();
    }

    @Test
    void theLoadRunShowsWritesBlockedByANonConcurrentIndexBuild(TestDatabase db) throws Exception {
        db.execute("create table accounts (id bigint primary key, owner text)",
                "insert into accounts select g, 'o' || g from generate_series(1, 100) g");
        TestProject p = new TestProject(db, dir)
                .write("V1__index.sql", "create index accounts_owner on accounts (owner);\nselect pg_sleep(1);")
                .write("U1__index.sql", "drop index accounts_owner;");

        RehearsalResult r = rehearse(p, new Rehearsal.Options(Optional.empty(), Optional.of(shadowServer(db)),
                Optional.empty(), 0, 0, 2, Optional.empty()));

        List<StatementTrace> s = r.migrations().get(0).statements();
        LoadStats whileHeld = s.get(1).load().orElseThrow();
        assertThat(whileHeld.blockedMs()).as("client time blocked while SHARE is held until COMMIT")
                .isGreaterThanOrEqualTo(300);
        assertThat(whileHeld.maxMs()).isGreaterThanOrEqualTo(300);
        assertThat(r.load()).anyMatch(LoadPoint::write).anyMatch(x -> !x.write());
        assertThat(r.load()).noneMatch(LoadPoint::error);
    }

    @Test
    void sampleCopiesUpToNRowsPerTableFromTheTargetChildrenWithoutTheirParentsIncluded(TestDatabase db)
            throws Exception {
        db.execute("create table owners (id int primary key)",
                "create table accounts (id int primary key, owner_id int not null references owners, note text)",
                "insert into owners select g from generate_series(1, 500) g",
                "insert into accounts select g, 501 - g, 'n' || g from generate_series(1, 500) g", "analyze");
        TestProject p = new TestProject(db, dir)
                .write("V1__note.sql", "create index accounts_note on accounts (note);")
                .write("U1__note.sql", "drop index accounts_note;");

        RehearsalResult r = rehearse(p, new Rehearsal.Options(Optional.empty(), Optional.of(shadowServer(db)),
                Optional.empty(), 0, 20, 0, Optional.empty()));

        assertThat(r.notes()).isEmpty();
        // 20 of the children, although their parents (501 - id) are not among the 20 sampled owners
        assertThat(r.migrations().get(0).projections()).singleElement().asString()
                .startsWith("blocks writes to accounts (~500 rows)").endsWith("with 20 rows in the rehearsal)");
        assertThat(r.passed()).isTrue();
    }
}
