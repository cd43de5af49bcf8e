package dev.godwit.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.config.LintSettings;
import dev.godwit.lint.Finding;
import dev.godwit.lint.LintInput;
import dev.godwit.lint.Linter;
import dev.godwit.lint.SchemaModel;
import dev.godwit.sql.SqlScript;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One finding per statement naming every check it trips, and none for a table [checks] relaxed skips. */
class BuiltInInvariantTest {

    private static final String TABLES = "CREATE TABLE payments (id bigint PRIMARY KEY, amount numeric(19, 2),"
            + " fee numeric(19, 2), note text);\nCREATE TABLE job_queue (id bigint PRIMARY KEY, state text);";

    private static List<Finding> lint(LintSettings settings, String sql) throws Exception {
        List<LintInput> inputs = List.of(LintInput.of("V1__tables.sql", SqlScript.parse(TABLES)),
                LintInput.of("V2__change.sql", SqlScript.parse(sql)));
        return new Linter(settings, Rules.ALL).lint(inputs, SchemaModel.empty(), Linter.Scope.FILE, 15).findings()
                .stream().filter(f -> f.rule().equals("built-in-invariant")).toList();
    }

    @Test
    void aStatementThatTripsSeveralChecksIsOneFindingWithEveryLineToDeclare() throws Exception {
        List<Finding> found = lint(LintSettings.defaults(), "DELETE FROM payments WHERE id = 1;\n"
                + "INSERT INTO payments (id, amount, fee) VALUES (2, 1.00, 0.10);");

        assertThat(found).hasSize(2);
        assertThat(found.get(0).message()).contains("payments.rows (no rows lost)",
                "sums of the money columns payments.amount, payments.fee", "exit 6");
        assertThat(found.get(0).safeAlternative()).contains("-- godwit:expect-change payments.rows ..0\n"
                + "-- godwit:expect-change payments.amount any\n-- godwit:expect-change payments.fee any");
        assertThat(found.get(1).message()).contains("INSERT adds to the sums of the money columns payments.amount,"
                + " payments.fee");
    }

    @Test
    void whatTheFileDeclaresIsLeftOutAndAFullyDeclaredStatementHasNoFinding() throws Exception {
        List<Finding> found = lint(LintSettings.defaults(), "-- godwit:expect-change payments.amount any\n"
                + "-- godwit:expect-change job_queue.rows ..0\n"
                + "INSERT INTO payments (id, amount, fee) VALUES (2, 1.00, 0.10);\nDELETE FROM job_queue;");

        assertThat(found).singleElement().satisfies(f -> assertThat(f.message())
                .contains("sum of the money column payments.fee").doesNotContain("payments.amount"));
    }

    @Test
    void aTableInChecksRelaxedGetsNoFindingAsMigrateSkipsItsChecks() throws Exception {
        String sql = "DELETE FROM job_queue WHERE state = 'done';\nDELETE FROM payments WHERE id = 1;";

        assertThat(lint(LintSettings.defaults(), sql)).hasSize(2);
        assertThat(lint(LintSettings.defaults().withRelaxed(List.of("job_queue")), sql)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("payments"));
        assertThat(lint(LintSettings.defaults().withRelaxed(List.of("public.*")), sql)).isEmpty();
    }
}
