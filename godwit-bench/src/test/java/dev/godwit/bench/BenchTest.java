package dev.godwit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchTest {

    @Test
    void aSummaryIsOneLineNamedAfterItsBenchmark() {
        assertThat(Bench.summary("apply", "godwit 4.1 s / flyway 4.8 s\n  = 0.85x (target <= 1.00)\n"))
                .isEqualTo("summary: apply: godwit 4.1 s / flyway 4.8 s = 0.85x (target <= 1.00)");
    }

    @Test
    void everyBenchmarkRunsFromTheRegistryAndMeasureIsOnlyATool() {
        assertThat(Bench.ALL).containsKeys("apply", "startup", "live", "lint", "backup", "checks");
        assertThat(Bench.TOOLS).containsExactly("measure");
    }

    @Test
    void theLoadLineNamesTimeLoadAndCpus() {
        assertThat(Load.now()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:]+Z, load [0-9.]+ [0-9.]+ [0-9.]+, \\d+ CPUs");
    }
}
