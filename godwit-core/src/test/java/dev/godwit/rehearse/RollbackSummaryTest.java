package dev.godwit.rehearse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RollbackSummaryTest {

    @Test
    void manyReasonsAreCountedNotAllPrintedOnOneLine() {
        List<String> problems = IntStream.rangeClosed(1, 40).mapToObj(i -> "V" + i + " has no down script").toList();
        String s = RollbackTest.summary(problems);
        assertThat(s).startsWith("40 problems, the first 3: V1 has no down script; V2").contains("plan --rollback")
                .doesNotContain("V4 has").hasSizeLessThan(300);
        assertThat(RollbackTest.summary(problems.subList(0, 2))).isEqualTo("V1 has no down script; V2 has no down script");
    }
}
