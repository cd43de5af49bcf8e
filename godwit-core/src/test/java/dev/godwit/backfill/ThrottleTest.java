package dev.godwit.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    @Test
    void readsWalPositionsAsPostgresWritesThem() {
        assertThat(Throttle.lsn("0/0")).isZero();
        assertThat(Throttle.lsn("16/B374D848")).isEqualTo((0x16L << 32) | 0xB374D848L);
        assertThat(Throttle.lsn("1/0")).isGreaterThan(Throttle.lsn("0/FFFFFFFF"));
    }

    @Test
    void keyLiteralsSurviveQuotesAndBackslashes() {
        BatchKey key = new BatchKey("t", 1, "code", "text");
        assertThat(key.literal("o'k\\n")).isEqualTo("E'o''k\\\\n'::text");
        assertThat(key.range("a", Optional.of("1"), Optional.of("9")))
                .isEqualTo("a.code > E'1'::text AND a.code <= E'9'::text");
        assertThat(key.range("", Optional.empty(), Optional.empty())).isEqualTo("true");
        assertThat(key.nextUpperSql(Optional.empty(), 10)).isEqualTo(
                "select code::text as godwit_key from t order by code offset 9 limit 1");
    }
}
