package dev.godwit.integrity;

import dev.godwit.config.CheckSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.config.MoneyNames;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class SchemaAuditTest {

    TestDatabase db;
    final SchemaAudit audit = new SchemaAudit(CheckSettings.defaults(), MoneyNames.defaults(), List.of("godwit"));

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
    }

    List<Finding> findings() throws Exception {
        try (Connection c = db.connect()) {
            return audit.run(c);
        }
    }

    List<String> described(String check) throws Exception {
        return findings().stream().filter(f -> f.check().equals(check)).map(Finding::describe).toList();
    }

    @Test
    void aCarefulSchemaPassesEveryCheck() throws Exception {
        db.execute("create table users (id uuid primary key)",
                "create table accounts (id bigint primary key, user_id uuid not null references users,"
                        + " balance numeric(12,2), interest_rate double precision)",
                "create index on accounts (user_id)",
                "create schema godwit", "create table godwit.scratch (amount real)");

        assertThat(findings()).as("a float rate is not money; Godwit's own schema is not audited").isEmpty();
    }

    @Test
    void floatMoneyAndATextUserIdReferencingAUuidAreReported() throws Exception {
        db.execute("create table users (id uuid primary key)",
                "create table payments (id bigint primary key, user_id text not null, amount double precision,"
                        + " fee real, total money, price numeric, tax_amount numeric(12,4))");

        assertThat(described("float-money")).containsExactly(
                "payments.amount: is double precision: a binary float cannot hold every cent exactly, so sums drift;"
                        + " store amounts as numeric(p,2)",
                "payments.fee: is real: a binary float cannot hold every cent exactly, so sums drift;"
                        + " store amounts as numeric(p,2)",
                "payments.total: is of type money, whose scale and currency follow the server's lc_monetary setting;"
                        + " store amounts as numeric(p,2)");
        assertThat(described("money-scale")).containsExactly(
                "payments.price: is numeric without a scale, so it keeps whatever precision arrives; declare"
                        + " numeric(p,2)",
                "payments.tax_amount: is numeric(12,4): scale 4, where money here has scale 2 ([checks] money_scale)");
        assertThat(described("id-without-foreign-key")).singleElement().asString()
                .startsWith("payments.user_id: has no foreign key, though it looks like a reference to users.id;"
                        + " its type differs");
        assertThat(described("foreign-key-type-mismatch")).singleElement().asString()
                .startsWith("payments.user_id: is text but refers to users.id, which is uuid");
    }

    @Test
    void keysConstraintsAndIndexes() throws Exception {
        db.execute("create table accounts (id bigint primary key)",
                "create table transfers (id bigint primary key, account_id int references accounts)",
                "create table events (payload jsonb)",
                "create table holds (id bigint primary key, account_id bigint)",
                "alter table holds add constraint holds_account_fk foreign key (account_id) references accounts"
                        + " not valid",
                "create index on holds (account_id)");

        List<Finding> all = findings();

        assertThat(described("foreign-key-without-index")).singleElement().asString()
                .startsWith("transfers_account_id_fkey on transfers: (account_id) has no index");
        assertThat(described("foreign-key-type-mismatch")).singleElement().asString()
                .startsWith("transfers.account_id: is integer but its foreign key transfers_account_id_fkey"
                        + " references accounts.id, which is bigint");
        assertThat(described("table-without-primary-key")).containsExactly(
                "events: has no primary key: rows cannot be told apart reliably (duplicates, logical replication,"
                        + " audits); add one");
        assertThat(described("not-valid-constraint")).singleElement().asString()
                .startsWith("holds_account_fk on holds: foreign key is NOT VALID");
        assertThat(all).noneMatch(f -> f.check().equals("id-without-foreign-key"));
    }

    @Test
    void anInvalidIndexLeftByAFailedConcurrentBuildIsReported() throws Exception {
        db.execute("create table codes (id int primary key, code text)", "insert into codes values (1, 'a'), (2, 'a')");
        try {
            db.execute("create unique index concurrently codes_code_key on codes (code)");
        } catch (IllegalStateException expected) {
            // the duplicate fails the build and leaves the index INVALID
        }

        assertThat(described("invalid-index")).singleElement().asString().startsWith("codes_code_key on codes: is INVALID");
    }

    @Test
    void disabledChecksReportNothingAndResultsListEveryCheck() throws Exception {
        db.execute("create table events (payload jsonb)");
        CheckSettings d = CheckSettings.defaults();
        SchemaAudit quiet = new SchemaAudit(new CheckSettings(d.enabled(), d.moneyScale(), d.largeTableRows(),
                d.largeTableMethod(), d.auditAfterMigrate(), Set.of("table-without-primary-key"), d.invariants(),
                d.relations(), d.naturalKeys(), d.nonnegative(), d.relaxed()), MoneyNames.defaults(), List.of("godwit"));

        try (Connection c = db.connect()) {
            assertThat(quiet.run(c)).isEmpty();
            assertThat(quiet.results(c)).extracting(CheckResult::check).containsExactlyElementsOf(SchemaAudit.CHECKS);
            assertThat(quiet.results(c)).filteredOn(r -> r.check().equals("table-without-primary-key"))
                    .singleElement().extracting(CheckResult::status).isEqualTo(CheckResult.Status.SKIPPED);
            assertThat(audit.results(c)).filteredOn(CheckResult::failed).singleElement()
                    .satisfies(r -> assertThat(r.summary()).isEqualTo("1 found"));
        }
    }

    @Test
    void afterARunOnlyWhatTheRunIntroducedIsReported() throws Exception {
        db.execute("create table legacy (amount float8)");
        SchemaAudit.Watch watch;
        try (Connection c = db.connect()) {
            watch = audit.watch(c);
        }
        db.execute("create table payouts (id bigint primary key, amount numeric(12,3))");

        try (Connection c = db.connect()) {
            AuditResult r = watch.introduced(c);
            assertThat(r.error()).isEmpty();
            assertThat(r.findings()).extracting(Finding::object).containsExactly("payouts.amount");
        }
    }
}
