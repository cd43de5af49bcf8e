package dev.godwit.rehearse;

import static dev.godwit.sql.analysis.LockMode.ACCESS_EXCLUSIVE;
import static dev.godwit.sql.analysis.LockMode.ACCESS_SHARE;
import static dev.godwit.sql.analysis.LockMode.ROW_SHARE;
import static dev.godwit.sql.analysis.LockMode.SHARE;
import static dev.godwit.sql.analysis.LockMode.SHARE_ROW_EXCLUSIVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.sql.analysis.LockMode;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.TableLock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LockComparisonTest {

    static final Relations.Relation ACCOUNTS = new Relations.Relation(20000, "public", "accounts", 'r', 20000, 0);
    static final Relations.Relation OWNERS = new Relations.Relation(20001, "public", "owners", 'r', 20001, 0);
    static final Relations.Relation ACCOUNTS_BAL = new Relations.Relation(20002, "public", "accounts_bal", 'i', 20002,
            20000);
    static final List<Relations.Relation> EXISTING = List.of(ACCOUNTS, OWNERS, ACCOUNTS_BAL);

    static TableLock on(String table, LockMode m) {
        return new TableLock(Relation.of(table), m);
    }

    @Test
    void theSameModeAgrees() {
        assertThat(LockComparison.compare(List.of(on("accounts", SHARE)), Map.of(ACCOUNTS, EnumSet.of(SHARE)),
                Map.of(), EXISTING)).isEmpty();
    }

    @Test
    void aStrongerModeThanPredictedThatBlocksWritesIsAMissedBlockingLock() {
        List<Disagreement> d = LockComparison.compare(List.of(on("accounts", ROW_SHARE)),
                Map.of(ACCOUNTS, EnumSet.of(ACCESS_EXCLUSIVE)), Map.of(), EXISTING);
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.missedBlock()).isTrue();
            assertThat(x.describe()).isEqualTo("accounts: the linter predicted ROW SHARE, PostgreSQL took ACCESS"
                    + " EXCLUSIVE (a blocking lock the linter missed)");
        });
    }

    @Test
    void aPredictionThatAModeHeldFromAnEarlierStatementCoversAgrees() {
        assertThat(LockComparison.compare(List.of(on("accounts", ACCESS_EXCLUSIVE)),
                Map.of(ACCOUNTS, EnumSet.of(SHARE)), Map.of(ACCOUNTS, EnumSet.of(ACCESS_EXCLUSIVE)), EXISTING)).isEmpty();
    }

    @Test
    void aPredictedLockPostgresDidNotTakeDiffersButBlocksNothing() {
        assertThat(LockComparison.compare(List.of(on("accounts", ACCESS_EXCLUSIVE)),
                Map.of(ACCOUNTS, EnumSet.of(ACCESS_SHARE)), Map.of(), EXISTING))
                .singleElement().satisfies(x -> {
                    assertThat(x.missedBlock()).isFalse();
                    assertThat(x.observed()).contains(ACCESS_SHARE);
                });
    }

    @Test
    void anUnpredictedLockOnAnExistingTableIsReportedAndBlockingOnlyFromShareUp() {
        List<Disagreement> d = LockComparison.compare(List.of(on("accounts", SHARE_ROW_EXCLUSIVE)),
                Map.of(ACCOUNTS, EnumSet.of(SHARE_ROW_EXCLUSIVE), OWNERS, EnumSet.of(ROW_SHARE)), Map.of(), EXISTING);
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.relation()).isEqualTo("owners");
            assertThat(x.predicted()).isEmpty();
            assertThat(x.missedBlock()).isFalse();
        });
    }

    @Test
    void aLockPredictedOnAnIndexCoversItsTableAsTheAnalyserMeansIt() {
        // DROP INDEX accounts_bal: the analyser names the index, PostgreSQL locks the table
        assertThat(LockComparison.compare(List.of(on("accounts_bal", ACCESS_EXCLUSIVE)),
                Map.of(ACCOUNTS, EnumSet.of(ACCESS_EXCLUSIVE), ACCOUNTS_BAL, EnumSet.of(ACCESS_EXCLUSIVE)), Map.of(),
                EXISTING)).isEmpty();
    }

    @Test
    void aRelationTheMigrationCreatedIsNotCompared() {
        assertThat(LockComparison.compare(List.of(on("new_table", ACCESS_EXCLUSIVE)), Map.of(), Map.of(), EXISTING))
                .isEmpty();
    }
}
