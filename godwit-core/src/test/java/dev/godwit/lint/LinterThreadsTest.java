package dev.godwit.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.config.LintSettings;
import dev.godwit.lint.rules.Rules;
import dev.godwit.sql.SqlScript;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Files linted in ranges on several threads give what one thread gives, schema knowledge across ranges included. */
class LinterThreadsTest {

    /** Each file widens a varchar of the table the file before created: no rewrite, when the old type is known. */
    private static List<LintInput> files(int n) throws Exception {
        List<LintInput> inputs = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String sql = "create table t" + i + " (id bigint primary key, name varchar(20));\n"
                    + (i > 1 ? "alter table t" + (i - 1) + " alter column name type varchar(50);\n"
                            + "delete from t" + (i - 1) + ";\n" : "");
            inputs.add(LintInput.of("V" + i + "__t.sql", SqlScript.parse(sql)));
        }
        return inputs;
    }

    private static List<Finding> lint(int threads) throws Exception {
        return new Linter(LintSettings.defaults(), Rules.ALL, threads)
                .lint(files(40), SchemaModel.empty(), Linter.Scope.FILE, 15).findings();
    }

    @Test
    void rangesOnSeveralThreadsFindWhatOneThreadFinds() throws Exception {
        List<Finding> one = lint(1);
        List<Finding> three = lint(3);
        assertThat(three).isEqualTo(one);
        assertThat(one).extracting(Finding::rule).contains("dml-without-where", "prefer-text");
        assertThat(one).as("every widening knows the earlier file's varchar(20), also where a range starts")
                .extracting(Finding::rule).doesNotContain("column-type-change", "lossy-type-change");
        assertThat(one).extracting(Finding::file).startsWith("V1__t.sql").endsWith("V40__t.sql");
    }

    @Test
    void aRangeThatStartsWithoutTheEarlierFilesWouldDiffer() throws Exception {
        // The check above means something only if the varchar's old type matters: alone, the widening is reported.
        LintInput alone = LintInput.of("V2__t.sql", SqlScript.parse("alter table t1 alter column name type varchar(50);"));
        List<Finding> found = new Linter(LintSettings.defaults(), Rules.ALL, 1)
                .lint(List.of(alone), SchemaModel.empty(), Linter.Scope.FILE, 15).findings();
        assertThat(found).extracting(Finding::rule).contains("column-type-change");
    }

    @Test
    void laterRangesAreShorterByTheWalkThatPrecedesThem() {
        List<List<Integer>> hundred = java.util.Collections.nCopies(100, List.of(1));
        // two ranges: 1 : 0.9 of the statements, as the second starts after the walk of the first
        assertThat(Linter.bounds(hundred, 2)).containsExactly(0, 53);
        // three: 1 : 0.9 : 0.81
        assertThat(Linter.bounds(hundred, 3)).containsExactly(0, 37, 71);
        // fewer files than ranges: the ranges left over start at the end, and lint nothing
        assertThat(Linter.bounds(java.util.Collections.nCopies(1, List.of(1)), 3)).containsExactly(0, 1, 1);
    }
}
