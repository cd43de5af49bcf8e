package dev.godwit.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.run.Blocker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuietWaitTest {

    private static Blocker open(Duration age) {
        return new Blocker(42, "app", "pgbench", "127.0.0.1", "idle in transaction", age, "update accounts …");
    }

    @Test
    void aTransactionOpenForASecondOrMoreIsLastingAndTheApplicationsShortOnesAreNot() {
        assertThat(QuietWait.lasting(open(Duration.ofMillis(3)))).isFalse();
        assertThat(QuietWait.lasting(open(Duration.ofMillis(999)))).isFalse();
        assertThat(QuietWait.lasting(open(Duration.ofSeconds(1)))).isTrue();
        assertThat(QuietWait.lasting(open(Duration.ofMinutes(20)))).isTrue();
        assertThat(QuietWait.lasting(open(null))).as("no transaction age known: assume the worst").isTrue();
    }
}
