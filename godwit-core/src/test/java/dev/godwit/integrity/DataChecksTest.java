package dev.godwit.integrity;

import dev.godwit.config.InvariantSpec;
import dev.godwit.config.Expectation;
import dev.godwit.config.ColumnRef;
import dev.godwit.config.CheckSettings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.integrity.CheckResult.Status;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class DataChecksTest {

    TestDatabase db;

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
        db.execute("create table accounts (id bigint primary key, balance numeric(12,2))",
                "insert into accounts values (1, 10), (2, -5), (3, 0)",
                "create table transfers (id bigint primary key, account_id bigint, reference text, user_ref bigint)",
                "insert into transfers values (10, 1, 'r1', 1), (11, 99, 'r1', 42), (12, 98, 'r2', null),"
                        + " (13, 1, 'r1', 3), (14, 2, 'r2', 2)",
                // loaded with the foreign key off, as a restore or a replica can: PostgreSQL never checked them
                "alter table transfers add constraint transfers_account_fk foreign key (account_id)"
                        + " references accounts not valid");
    }

    List<CheckResult> run(CheckSettings s) throws Exception {
        try (Connection c = db.connect()) {
            return new DataChecks(s, List.of("godwit")).run(c);
        }
    }

    static CheckResult only(List<CheckResult> results, String check) {
        return results.stream().filter(r -> r.check().equals(check)).findFirst().orElseThrow();
    }

    @Test
    void orphansOfADeclaredForeignKeyAreFoundWithTheRowsAsEvidence() throws Exception {
        CheckResult r = only(run(CheckSettings.defaults()), "orphans");

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.subject()).isEqualTo("transfers.account_id -> accounts.id (transfers_account_fk)");
        assertThat(r.summary()).isEqualTo("2 orphaned row(s)");
        assertThat(r.details()).containsExactlyInAnyOrder("id=11, account_id=99", "id=12, account_id=98");
    }

    @Test
    void orphansOfAConfiguredRelationDuplicatesAndNegativesAreFound() throws Exception {
        CheckSettings s = CheckSettings.defaults().withData(
                List.of(new CheckSettings.Relation(new ColumnRef("transfers", "user_ref"), new ColumnRef("accounts", "id"))),
                List.of(new CheckSettings.NaturalKey("transfers", List.of("reference"))),
                List.of(new ColumnRef("accounts", "balance")));

        List<CheckResult> results = run(s);

        assertThat(results).filteredOn(r -> r.subject().contains("[checks.relations]")).singleElement()
                .satisfies(r -> {
                    assertThat(r.summary()).isEqualTo("1 orphaned row(s)");
                    assertThat(r.details()).containsExactly("id=11, user_ref=42");
                });
        assertThat(only(results, "duplicates")).satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.summary()).isEqualTo("2 key value(s) held by more than one row");
            assertThat(r.details()).containsExactly("reference=r1, rows=3", "reference=r2, rows=2");
        });
        assertThat(only(results, "nonnegative")).satisfies(r -> {
            assertThat(r.summary()).isEqualTo("1 negative value(s)");
            assertThat(r.details()).containsExactly("id=2, balance=-5.00");
        });
    }

    @Test
    void configuredInvariantsAreEvaluatedNow() throws Exception {
        CheckSettings s = CheckSettings.defaults().withInvariants(List.of(
                new InvariantSpec("books balance", "select sum(balance) - 5 from accounts",
                        Expectation.parse("zero").orElseThrow(), "godwit.toml"),
                new InvariantSpec("no overdrafts", "select id from accounts where balance < 0",
                        Expectation.parse("no_rows").orElseThrow(), "godwit.toml"),
                new InvariantSpec("stable", "select count(*) from accounts",
                        Expectation.parse("unchanged").orElseThrow(), "godwit.toml"),
                new InvariantSpec("later", "select count(*) from payouts",
                        Expectation.parse("zero").orElseThrow(), "godwit.toml")));

        List<CheckResult> results = run(s).stream().filter(r -> r.check().equals("invariant")).toList();

        assertThat(results).extracting(CheckResult::subject, CheckResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("books balance", Status.PASSED),
                org.assertj.core.groups.Tuple.tuple("no overdrafts", Status.FAILED),
                org.assertj.core.groups.Tuple.tuple("stable", Status.SKIPPED),
                org.assertj.core.groups.Tuple.tuple("later", Status.FAILED));
        assertThat(results.get(1).details()).containsExactly("id=2");
    }

    @Test
    void aMisspeltTableIsOneFailedCheckNotTheEndOfTheRun() throws Exception {
        CheckSettings s = CheckSettings.defaults().withData(List.of(),
                List.of(new CheckSettings.NaturalKey("transfer", List.of("reference")),
                        new CheckSettings.NaturalKey("accounts", List.of("nope"))),
                List.of(new ColumnRef("accounts", "balance")));

        List<CheckResult> results = run(s);

        assertThat(results).filteredOn(r -> r.check().equals("duplicates")).extracting(CheckResult::summary)
                .containsExactly("no table transfer", "no column nope in accounts");
        assertThat(only(results, "nonnegative").status()).isEqualTo(Status.FAILED);
    }

    @Test
    void cleanDataPasses() throws Exception {
        db.execute("delete from transfers where account_id > 90", "update accounts set balance = 5 where id = 2");

        assertThat(run(CheckSettings.defaults().withData(List.of(), List.of(),
                List.of(new ColumnRef("accounts", "balance"))))).allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(Status.PASSED);
                    assertThat(r.details()).isEmpty();
                });
    }
}
