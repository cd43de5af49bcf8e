package dev.godwit.integrity;

import dev.godwit.config.InvariantSpec;
import dev.godwit.config.Expectation;
import dev.godwit.config.CheckSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.execute.Migrate;
import dev.godwit.config.CheckSettings.LargeTables;
import dev.godwit.integrity.InvariantResult.Status;
import dev.godwit.migration.MigrationScript;
import dev.godwit.run.Failure;
import dev.godwit.run.RunEvent;
import dev.godwit.run.RunOutcome;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The invariants around each migration, on a real PostgreSQL, through {@code migrate} as users run it. */
@ExtendWith(PostgresExtension.class)
class InvariantGuardTest {

    @TempDir
    Path dir;

    TestDatabase db;
    TestProject project;
    final List<RunEvent> events = new CopyOnWriteArrayList<>();

    /** A small double-entry ledger: V1 creates it (applied before each test), with six entries summing to zero. */
    @BeforeEach
    void setUp(TestDatabase db) throws Exception {
        this.db = db;
        project = new TestProject(db, dir);
        project.write("V1__ledger.sql", """
                create table accounts (id bigint primary key, name text, balance numeric(12,2) not null);
                create table ledger_entries (id bigint primary key, account_id bigint references accounts,
                    amount numeric(12,2) not null, fee double precision not null default 0);
                insert into accounts values (1, 'cash', 900.00), (2, 'ada', 324.75), (3, 'grace', 100.75);
                insert into ledger_entries (id, account_id, amount) values
                    (1, 1, -100.00), (2, 2, 100.00), (3, 2, -25.25), (4, 3, 25.25), (5, 1, -0.50), (6, 3, 0.50);
                """);
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        events.clear();
    }

    RunOutcome migrate() throws Exception {
        return new Migrate(project.setup(events::add)).run(Optional.empty());
    }

    GuardResult checksOf(String script) {
        return events.stream().filter(e -> e instanceof RunEvent.InvariantsChecked c
                        && c.migration().script().equals(script))
                .map(e -> ((RunEvent.InvariantsChecked) e).result()).reduce((a, b) -> b).orElseThrow();
    }

    static InvariantResult result(GuardResult r, String check) {
        return r.results().stream().filter(x -> x.check().equals(check)).findFirst().orElseThrow();
    }

    static Failure failure(RunOutcome outcome) {
        assertThat(outcome).isInstanceOf(RunOutcome.Failed.class);
        return ((RunOutcome.Failed) outcome).failure();
    }

    @Test
    void aMigrationThatDeletesLedgerRowsIsRolledBackAndTheRowsAreIntact() throws Exception {
        project.write("V2__purge_small_entries.sql", "delete from ledger_entries where abs(amount) < 1;");

        Failure f = failure(migrate());

        assertThat(f.integrity()).isTrue();
        assertThat(f.rolledBack()).isTrue();
        assertThat(f.violations()).singleElement().satisfies(v -> {
            assertThat(v.check()).isEqualTo("ledger_entries.rows");
            assertThat(v.before()).isEqualTo("6");
            assertThat(v.after()).isEqualTo("4");
            assertThat(v.expected()).isEqualTo("no rows lost");
        });
        assertThat(db.count("select count(*) from ledger_entries")).isEqualTo(6);
        assertThat(db.count("select count(*) from godwit.history where script = 'V2__purge_small_entries.sql'"))
                .as("no history row").isZero();
        GuardResult r = checksOf("V2__purge_small_entries.sql");
        assertThat(result(r, "ledger_entries.sum(amount)").status()).as("the pair summed to zero").isEqualTo(Status.HOLDS);
        assertThat(result(r, "ledger_entries.sum(fee)").status()).isEqualTo(Status.HOLDS);
        assertThat(r.transactional()).isTrue();
        assertThat(r.added()).isPositive();
    }

    @Test
    void aDeliberateDeclaredBackfillPasses() throws Exception {
        project.write("V2__backfill_opening_entries.sql", """
                -- godwit:expect-change ledger_entries.rows +0..+100
                -- godwit:expect-change ledger_entries.amount any
                insert into ledger_entries (id, account_id, amount)
                    select 100 + id, id, balance from accounts;
                """);

        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);

        GuardResult r = checksOf("V2__backfill_opening_entries.sql");
        assertThat(result(r, "ledger_entries.rows").status()).isEqualTo(Status.CHANGED_AS_DECLARED);
        assertThat(result(r, "ledger_entries.rows").after()).isEqualTo("9");
        assertThat(result(r, "ledger_entries.sum(amount)").status()).isEqualTo(Status.CHANGED_AS_DECLARED);
        assertThat(db.count("select count(*) from ledger_entries")).isEqualTo(9);
    }

    @Test
    void moneyThatAppearsUndeclaredIsRefusedAndAChangeOutsideTheDeclaredRangeToo() throws Exception {
        project.write("V2__seed.sql", "insert into ledger_entries (id, account_id, amount) values (7, 1, 10.00);");
        Failure undeclared = failure(migrate());
        assertThat(undeclared.violations()).extracting(InvariantResult::check)
                .containsExactly("ledger_entries.sum(amount)");

        project.write("V2__seed.sql", "-- godwit:expect-change ledger_entries.* +0..+5\n"
                + "insert into ledger_entries (id, account_id, amount) values (7, 1, 10.00);");
        Failure outOfRange = failure(migrate());
        assertThat(outOfRange.violations()).singleElement().satisfies(v -> {
            assertThat(v.check()).isEqualTo("ledger_entries.sum(amount)");
            assertThat(v.expected()).isEqualTo("change +0..+5");
        });
        assertThat(db.count("select count(*) from ledger_entries")).isEqualTo(6);
    }

    @Test
    void roundingMoneyByChangingItsTypeChangesTheSumAndIsRefused() throws Exception {
        project.write("V2__whole_units.sql", "alter table accounts alter column balance type numeric(12,0);");

        Failure f = failure(migrate());

        assertThat(f.violations()).singleElement().satisfies(v -> {
            assertThat(v.check()).isEqualTo("accounts.sum(balance)");
            assertThat(v.before()).isEqualTo("1325.50");
            assertThat(v.after()).isEqualTo("1326");
        });
        assertThat(db.queryValue("select format_type(atttypid, atttypmod) from pg_attribute"
                + " where attrelid = 'accounts'::regclass and attname = 'balance'")).isEqualTo("numeric(12,2)");
    }

    @Test
    void renamesAndNewTablesLoseNothing() throws Exception {
        project.write("V2__rename.sql", """
                alter table ledger_entries rename to entries;
                alter table entries rename column amount to amount_eur;
                create table fx_rates (currency text primary key, rate numeric(12,6));
                insert into fx_rates values ('USD', 1.08);
                """);

        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);

        GuardResult r = checksOf("V2__rename.sql");
        assertThat(r.results()).extracting(InvariantResult::check).as("fx_rates is new: nothing to preserve")
                .containsExactly("ledger_entries.rows", "ledger_entries.sum(amount)", "ledger_entries.sum(fee)");
        assertThat(r.results()).allSatisfy(x -> assertThat(x.status()).isEqualTo(Status.HOLDS));
    }

    @Test
    void droppingAMoneyColumnThatHoldsRowsIsALossEvenWhenItSummedToZero() throws Exception {
        project.write("V2__drop_amount.sql", "alter table ledger_entries drop column amount;");

        Failure f = failure(migrate());

        assertThat(f.violations()).singleElement().satisfies(v -> {
            assertThat(v.check()).isEqualTo("ledger_entries.sum(amount)");
            assertThat(v.after()).isEqualTo("(column dropped)");
        });
    }

    @Test
    void configuredInvariantsAreCheckedAroundEveryMigration() throws Exception {
        project.checks(CheckSettings.defaults().withInvariants(List.of(
                new InvariantSpec("ledger balances", "select sum(amount) from ledger_entries",
                        Expectation.parse("zero").orElseThrow(), "godwit.toml"),
                new InvariantSpec("no overdrafts", "select id, balance from accounts where balance < 0",
                        Expectation.parse("no_rows").orElseThrow(), "godwit.toml"),
                new InvariantSpec("fx", "select count(*) from fx_rates",
                        Expectation.parse("unchanged").orElseThrow(), "godwit.toml"))));
        project.write("V2__overdraw.sql", "update accounts set balance = balance - 500 where id in (2, 3);");

        Failure f = failure(migrate());

        assertThat(f.violations()).extracting(InvariantResult::check)
                .containsExactly("accounts.sum(balance)", "no overdrafts");
        assertThat(f.violations().get(1).evidence()).containsExactly("id=2, balance=-175.25", "id=3, balance=-399.25");
        GuardResult r = checksOf("V2__overdraw.sql");
        assertThat(result(r, "ledger balances").status()).isEqualTo(Status.HOLDS);
        assertThat(result(r, "fx").status()).as("its table does not exist yet").isEqualTo(Status.SKIPPED);
        assertThat(db.queryValue("select balance from accounts where id = 3")).isEqualTo(new BigDecimal("100.75"));
    }

    @Test
    void anInvariantAlreadyFailingBeforeTheMigrationDoesNotBlockIt() throws Exception {
        db.execute("update accounts set balance = -1 where id = 3");
        project.write("V2__note.sql", """
                -- godwit:invariant no_overdrafts no_rows: select id from accounts where balance < 0
                alter table accounts add column note text;
                """);

        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);

        assertThat(result(checksOf("V2__note.sql"), "no_overdrafts").status()).isEqualTo(Status.ALREADY_FAILING);
    }

    @Test
    void aFileInvariantWithADeclaredChangeAndAMisspeltDeclaration() throws Exception {
        project.write("V2__fees.sql", """
                -- godwit:invariant total_fees unchanged: select sum(fee) from ledger_entries
                -- godwit:expect-change total_fees +0..+1
                -- godwit:expect-change ledger_entries.fee +0..+1
                -- godwit:expect-change ledger_entry.rows +0..+1
                update ledger_entries set fee = 0.10 where id = 1;
                """);

        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);

        GuardResult r = checksOf("V2__fees.sql");
        assertThat(result(r, "total_fees").status()).isEqualTo(Status.CHANGED_AS_DECLARED);
        assertThat(result(r, "ledger_entries.sum(fee)").status()).isEqualTo(Status.CHANGED_AS_DECLARED);
        assertThat(result(r, "ledger_entry.rows").status()).isEqualTo(Status.UNUSED_DECLARATION);
        assertThat(result(r, "ledger_entry.rows").how()).startsWith("V2__fees.sql:4: no check");
    }

    @Test
    void anIntegrityFailureRevertsTheRunsEarlierMigrationsLikeAnyFailure() throws Exception {
        project.write("V2__note.sql", "alter table accounts add column note text;")
                .write("U2__note.sql", "alter table accounts drop column note;")
                .write("V3__purge.sql", "delete from ledger_entries where id = 6;");

        RunOutcome outcome = migrate();

        RunOutcome.Failed failed = (RunOutcome.Failed) outcome;
        assertThat(failed.failure().integrity()).isTrue();
        assertThat(failed.reverted()).extracting(MigrationScript::script).containsExactly("U2__note.sql");
        assertThat(db.count("select count(*) from information_schema.columns where table_name = 'accounts'"
                + " and column_name = 'note'")).isZero();
        assertThat(db.count("select count(*) from ledger_entries")).isEqualTo(6);
    }

    @Test
    void aDownScriptGetsNoBuiltInChecks() throws Exception {
        project.write("V2__opening.sql", "-- godwit:expect-change ledger_entries.* any\n"
                        + "insert into ledger_entries (id, account_id, amount) values (7, 1, 1), (8, 2, -1);")
                .write("U2__opening.sql", "delete from ledger_entries where id in (7, 8);");
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);

        RunOutcome back = new dev.godwit.execute.Rollback(project.setup(events::add))
                .run(new dev.godwit.execute.Rollback.Request(Optional.of(1), Optional.empty()));

        assertThat(back).isInstanceOf(RunOutcome.Done.class);
        assertThat(db.count("select count(*) from ledger_entries")).isEqualTo(6);
    }

    @Test
    void aLargeTableIsCheckedByTheTransactionsOwnCountersAndTheOutputSaysSo() throws Exception {
        db.execute("analyze ledger_entries");
        project.checks(CheckSettings.defaults().withLargeTables(5, LargeTables.COUNTERS));
        project.write("V2__purge.sql", "delete from ledger_entries where id = 6;");

        Failure f = failure(migrate());

        assertThat(f.violations()).singleElement().satisfies(v -> {
            assertThat(v.check()).isEqualTo("ledger_entries.rows");
            assertThat(v.after()).isEqualTo("change -1");
            assertThat(v.how()).startsWith("counters: ≈6 rows > large_table_rows 5");
        });
        assertThat(db.count("select count(*) from ledger_entries")).isEqualTo(6);

        project.checks(CheckSettings.defaults().withLargeTables(5, LargeTables.SKIP));
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        assertThat(result(checksOf("V2__purge.sql"), "ledger_entries.rows").how()).contains("large_table_method");
    }

    @Test
    void aTruncateOfALargeTableIsSeenAlthoughTheCountersMissIt() throws Exception {
        db.execute("create table audit_trail (id int)", "insert into audit_trail select generate_series(1, 50)",
                "analyze audit_trail");
        project.checks(CheckSettings.defaults().withLargeTables(10, LargeTables.COUNTERS));
        project.write("V2__reset.sql", "truncate audit_trail; insert into audit_trail values (1);");

        Failure f = failure(migrate());

        assertThat(f.violations()).singleElement().satisfies(v -> assertThat(v.after()).contains("TRUNCATE"));
        assertThat(db.count("select count(*) from audit_trail")).isEqualTo(50);
    }

    @Test
    void outsideATransactionAViolationIsReportedButCannotBeUndone() throws Exception {
        project.write("V2__purge.sql", "-- godwit:no-transaction\ndelete from ledger_entries where id = 6;");

        Failure f = failure(migrate());

        assertThat(f.integrity()).isTrue();
        assertThat(f.rolledBack()).isFalse();
        assertThat(f.leftBehind()).anySatisfy(l -> assertThat(l).contains("could not roll it back"));
        assertThat(db.count("select count(*) from ledger_entries")).isEqualTo(5);
        assertThat(db.queryValue("select failure from godwit.history where script = 'V2__purge.sql' and not success"))
                .asString().contains("integrity");
        assertThat(checksOf("V2__purge.sql").transactional()).isFalse();
    }

    @Test
    void aCheckThatCannotGetItsLockIsRetriedLikeAStatementAndNamedWhenItGivesUp() throws Exception {
        dev.godwit.config.MigrateSettings fast = TestProject.fastSettings();
        project.settings(new dev.godwit.config.MigrateSettings(fast.lockTimeout(), fast.statementTimeout(), 2,
                fast.retryBaseDelay(), fast.retryMaxDelay(), fast.lockWait(), false, true));
        project.write("V2__note.sql", "alter table ledger_entries drop column if exists no_such_column;");
        try (java.sql.Connection holder = db.connect(); java.sql.Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("lock table ledger_entries in access exclusive mode");

            Failure f = failure(migrate());

            assertThat(f.integrity()).isFalse();
            assertThat(f.sqlState()).isEqualTo("55P03");
            assertThat(f.message()).contains("the integrity check of ledger_entries before the migration (exact)");
            assertThat(events).filteredOn(e -> e instanceof RunEvent.LockRetry).hasSize(1);
            holder.rollback();
        }
    }

    @Test
    void withTheBuiltInChecksOffOnlyTheDeclaredOnesRun() throws Exception {
        CheckSettings d = CheckSettings.defaults();
        project.checks(new CheckSettings(false, d.moneyScale(), d.largeTableRows(), d.largeTableMethod(),
                d.auditAfterMigrate(), d.disabled(), d.invariants(), d.relations(), d.naturalKeys(), d.nonnegative(), d.relaxed()));
        project.write("V2__purge.sql", "delete from ledger_entries where id = 6;");

        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        assertThat(events).noneMatch(e -> e instanceof RunEvent.InvariantsChecked);
    }

    /** Issue 17 item 6: a table can be relaxed without turning every built-in check off. */
    @Test
    void aRelaxedTableMayLoseRowsWhileTheOthersStillMayNot() throws Exception {
        CheckSettings d = CheckSettings.defaults();
        project.checks(new CheckSettings(d.enabled(), d.moneyScale(), d.largeTableRows(), d.largeTableMethod(),
                d.auditAfterMigrate(), d.disabled(), d.invariants(), d.relations(), d.naturalKeys(), d.nonnegative(),
                java.util.List.of("ledger_entries")));
        project.write("V2__purge.sql", "delete from ledger_entries where id = 6;");
        assertThat(migrate()).isInstanceOf(RunOutcome.Done.class);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.InvariantsChecked).singleElement()
                .satisfies(e -> assertThat(e.toString()).contains("[checks] relaxed"));

        assertThat(d.relaxes("ledger_entries")).isFalse();
        CheckSettings schema = new CheckSettings(d.enabled(), d.moneyScale(), d.largeTableRows(), d.largeTableMethod(),
                d.auditAfterMigrate(), d.disabled(), d.invariants(), d.relations(), d.naturalKeys(), d.nonnegative(),
                java.util.List.of("staging.*", "public.events"));
        assertThat(schema.relaxes("staging.loads")).isTrue();
        assertThat(schema.relaxes("events")).isTrue();
        assertThat(schema.relaxes("accounts")).isFalse();
    }
}
