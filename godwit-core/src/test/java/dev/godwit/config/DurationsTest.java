package dev.godwit.config;

import dev.godwit.base.Durations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void readsTheUsualSpellings() {
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("2s")).contains(Duration.ofSeconds(2));
        assertThat(Durations.parse("15m")).contains(Duration.ofMinutes(15));
        assertThat(Durations.parse("5min")).contains(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h")).contains(Duration.ofHours(1));
        assertThat(Durations.parse("1m30s")).contains(Duration.ofSeconds(90));
        assertThat(Durations.parse(" 0 ")).contains(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "2 seconds", "-1s", "1.5s", "s", "1y", "abc",
            "99999999999999999999ms", "9999999999999999d"})
    void rejectsWhatIsNotADuration(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @Test
    void formatsWhatItReads() {
        for (String s : new String[] {"250ms", "1s", "1m30s", "2h", "1d"}) {
            assertThat(Durations.format(Durations.parse(s).orElseThrow())).isEqualTo(s);
        }
        assertThat(Durations.toPostgres(Duration.ofSeconds(1))).isEqualTo("1000ms");
    }
}
