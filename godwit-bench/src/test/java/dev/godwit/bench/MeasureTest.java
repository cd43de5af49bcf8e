package dev.godwit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeasureTest {

    @Test
    void mediansOfOddAndEvenCounts() {
        assertThat(Measure.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Measure.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void measuresARealCommandsTimeAndMemory() throws Exception {
        Measure.Summary s = Measure.repeat("sleep", 3, List.of("sleep", "0.2"));

        assertThat(s.runs()).hasSize(3);
        assertThat(s.medianSeconds()).isBetween(0.15, 5.0);
        assertThat(s.medianPeakMib()).isPositive();
        assertThat(s.runs()).allSatisfy(r -> assertThat(r.cpuSeconds()).isBetween(0.0, 5.0));
    }

    @Test
    void cpuTimeIsUserPlusSystem() throws Exception {
        Measure.Run busy = Measure.once(List.of("sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done"));

        assertThat(busy.cpuSeconds()).isPositive();
    }

    @Test
    void anExitCodeTheCallerExpectsIsAMeasurement() throws Exception {
        List<String> exits5 = List.of("sh", "-c", "exit 5");

        assertThat(Measure.repeat("lint", 2, exits5, Set.of(0, 5)).runs())
                .extracting(Measure.Run::exitCode).containsExactly(5, 5);
        assertThatThrownBy(() -> Measure.repeat("lint", 1, exits5, Set.of(0, 1)))
                .hasMessageContaining("lint exited 5 on run 1").hasMessageContaining("[0, 1]");
    }

    @Test
    void aFailingCommandIsNotAMeasurement() {
        assertThatThrownBy(() -> Measure.repeat("false", 1, List.of("false")))
                .hasMessageContaining("exited 1");
    }
}
