package dev.godwit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgbenchLogTest {

    @TempDir
    Path dir;

    @Test
    void readsLatencyEndTimeAndFailuresOfEveryThreadsFile() throws Exception {
        // client_id transaction_no time script_no time_epoch time_us schedule_lag (pgbench 15, with --rate)
        Files.writeString(dir.resolve("log-godwit.123"), "0 1 4000 0 1700000000 500000 120\n"
                + "1 1 failed 0 1700000001 0 0\n");
        Files.writeString(dir.resolve("log-godwit.123.1"), "2 1 20000000 0 1700000030 0 0\n");
        Files.writeString(dir.resolve("log-flyway.9"), "0 1 9 0 1700000000 0 0\n");

        List<PgbenchLog.Txn> txns = PgbenchLog.read(dir, "log-godwit");

        assertThat(txns).containsExactlyInAnyOrder(new PgbenchLog.Txn(1_700_000_000_500_000L, 4000, false),
                new PgbenchLog.Txn(1_700_000_001_000_000L, 0, true),
                new PgbenchLog.Txn(1_700_000_030_000_000L, 20_000_000, false));
    }

    @Test
    void aTransactionCountsInAWindowWhenItRanDuringIt() {
        // ended at 30 s after waiting 20 s: it ran from 10 s to 30 s
        PgbenchLog.Txn stalled = new PgbenchLog.Txn(30_000_000, 20_000_000, false);

        assertThat(stalled.overlaps(12_000_000, 13_000_000)).isTrue();
        assertThat(stalled.overlaps(0, 9_999_999)).isFalse();
        assertThat(stalled.overlaps(30_000_001, 40_000_000)).isFalse();
    }

    @Test
    void statsOfAWindow() {
        List<PgbenchLog.Txn> txns = List.of(
                new PgbenchLog.Txn(1_000_000, 2_000, false), new PgbenchLog.Txn(1_100_000, 4_000, false),
                new PgbenchLog.Txn(1_200_000, 900_000, false), new PgbenchLog.Txn(1_300_000, 0, true),
                new PgbenchLog.Txn(9_000_000, 5_000_000, false));

        PgbenchLog.Stats s = PgbenchLog.stats(txns, 0, 2_000_000);

        assertThat(s.transactions()).isEqualTo(4);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.p50Ms()).isEqualTo(4.0);
        assertThat(s.maxMs()).isEqualTo(900.0);
        assertThat(s.over100Ms()).isEqualTo(1);
        assertThat(s.row("godwit")).isEqualTo("| godwit | 4 | 4.0 ms | 900.0 ms | 900.0 ms | 1 | 1 |");
    }

    @Test
    void percentilesAreNearestRank() {
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i + 1;
        }
        assertThat(PgbenchLog.percentile(v, 50)).isEqualTo(50);
        assertThat(PgbenchLog.percentile(v, 99)).isEqualTo(99);
        assertThat(PgbenchLog.percentile(new double[0], 99)).isZero();
    }

    @Test
    void aLineThatIsNotPgbenchsIsAnError() {
        assertThatThrownBy(() -> PgbenchLog.parse("[migrations]")).hasMessageContaining("not a pgbench log line");
    }
}
