package dev.godwit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BlockerTest {

    @Test
    void fieldsPostgresqlDidNotReportAreLeftOutNotPrintedEmptyOrNull() {
        Blocker hidden = new Blocker(4242, null, "", null, null, Duration.ofMillis(300), null);
        assertThat(hidden.describe()).isEqualTo("pid 4242").doesNotContain("null").doesNotContain("for 0");
        Blocker full = new Blocker(7, "alice", "psql", "10.0.0.7", "idle in transaction", Duration.ofSeconds(133),
                "update accounts set x = 1");
        assertThat(full.describe()).isEqualTo("pid 7 (alice, psql, from 10.0.0.7, idle in transaction, in a"
                + " transaction open for 2m13s): update accounts set x = 1");
    }

    @Test
    void manySessionsAreSummarisedLongestFirst() {
        List<Blocker> eight = IntStream.rangeClosed(1, 8).mapToObj(i -> new Blocker(i, "app", null, null, "active",
                Duration.ofSeconds(i * 10L), "select 1")).toList();
        String s = Blocker.summary(eight);
        assertThat(s).startsWith("pid 8 (").contains("; pid 7 (").contains("; pid 6 (").endsWith("; and 5 more")
                .doesNotContain("pid 5 (");
    }
}
