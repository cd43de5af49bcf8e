package dev.godwit.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.config.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

/** statements-after-exclusive-lock reports once per lock region, at the highest risk of its statements. */
class LockRegionsTest {

    private static List<Finding> regionFindings(String sql) throws Exception {
        return RuleFixturesTest.lint(sql).stream().filter(f -> f.rule().equals(LockRegions.RULE)).toList();
    }

    @Test
    void oneFindingPerTransactionNamingHowManyStatementsRunUnderTheLock() throws Exception {
        List<Finding> found = regionFindings("""
                ALTER TABLE accounts ALTER COLUMN note SET DEFAULT '';
                CREATE INDEX payments_account_idx ON payments (account_id);
                ALTER TABLE payments ADD COLUMN memo text;
                UPDATE accounts SET note = '' WHERE note IS NULL;
                SELECT count(*) FROM payments;
                """);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.risk()).as("the backfill's, the highest of the region").isEqualTo(Risk.HIGH);
            assertThat(f.message()).contains("taken at line 1").contains("2 more statements run while the lock is held")
                    .contains("lines 3, 4)").contains("the worst, at line 4: UPDATE writes rows");
        });
    }

    @Test
    void eachTransactionOfAFileIsItsOwnRegion() throws Exception {
        List<Finding> found = regionFindings("""
                -- godwit:no-transaction
                BEGIN;
                ALTER TABLE accounts ADD COLUMN status text;
                UPDATE accounts SET status = 'open' WHERE id < 100;
                UPDATE accounts SET status = 'closed' WHERE id >= 100;
                COMMIT;
                BEGIN;
                LOCK TABLE ledger IN ACCESS EXCLUSIVE MODE;
                DELETE FROM ledger WHERE id < 10;
                COMMIT;
                """);

        assertThat(found).extracting(Finding::line).containsExactly(4, 9);
        assertThat(found.get(0).message()).contains("1 more statement runs while the lock is held (line 5)");
        assertThat(found.get(1).message()).doesNotContain("more statement");
    }
}
