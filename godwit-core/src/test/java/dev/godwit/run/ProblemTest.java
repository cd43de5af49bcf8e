package dev.godwit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void aStatementProblemKeepsItsFileAndLine() {
        Problem p = Problem.of("V2__fees.sql:3:5: unterminated quoted string; close it");
        assertThat(p.code()).isEqualTo("files");
        assertThat(p.file()).contains("V2__fees.sql");
        assertThat(p.line()).contains(3);
        assertThat(p.message()).isEqualTo("unterminated quoted string; close it");
        assertThat(p.toString()).isEqualTo("V2__fees.sql:3: unterminated quoted string; close it");
    }

    @Test
    void aFileProblemHasAFileButNoLine() {
        Problem p = Problem.of("/srv/app/db/migrations/V1__b.sql: duplicate version 1, also in V1__a.sql");
        assertThat(p.file()).contains("/srv/app/db/migrations/V1__b.sql");
        assertThat(p.line()).isEmpty();
        assertThat(p.message()).startsWith("duplicate version 1");
    }

    @Test
    void aHistoryProblemHasNeither() {
        Problem p = Problem.of("V3 fees (V3__fees.sql) failed at 2026-12-01; run godwit repair");
        assertThat(p.file()).isEmpty();
        assertThat(p.line()).isEqualTo(Optional.empty());
        assertThat(p.message()).startsWith("V3 fees");
    }
}
