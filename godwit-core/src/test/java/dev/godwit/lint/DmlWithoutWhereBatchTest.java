package dev.godwit.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The safe alternative of dml-without-where is the batch directive, with the statement itself. */
class DmlWithoutWhereBatchTest {

    @Test
    void suggestsTheBatchDirective() throws Exception {
        List<Finding> found = RuleFixturesTest.lint("UPDATE accounts SET balance_cents = balance * 100")
                .stream().filter(f -> f.rule().equals("dml-without-where")).toList();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).safeAlternative()).contains("-- godwit:batch size=10000 pause=50ms\n"
                + "UPDATE accounts SET balance_cents = balance * 100;", "docs/backfills.md");
    }
}
