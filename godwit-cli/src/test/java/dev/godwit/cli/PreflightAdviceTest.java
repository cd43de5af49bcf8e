package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.cli.ops.PreflightOutput;
import dev.godwit.preflight.Check;
import dev.godwit.preflight.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreflightAdviceTest {

    private static Check fail(String id, String summary) {
        return new Check(id, Status.FAIL, summary, "", List.of());
    }

    @Test
    void locksAreOnlySuggestedWhenSessionsOrLocksFailed() {
        assertThat(PreflightOutput.advice(List.of(fail("replication-lag", "lag 40 s")))).doesNotContain("godwit locks");
        assertThat(PreflightOutput.advice(List.of(fail("connections", "97 of 100")))).doesNotContain("godwit locks");
        assertThat(PreflightOutput.advice(List.of(fail("table-locks", "accounts is locked")))).contains("godwit locks");
    }

    @Test
    void aReadOnlyTargetIsNotToldToSkipPreflight() {
        String advice = PreflightOutput.advice(List.of(fail("writable", "a hot standby (pg_is_in_recovery() is true)")));
        assertThat(advice).contains("hot standby").doesNotContain("--skip-preflight");
    }
}
