package dev.godwit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.base.Cancellation;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The scheduling rules on their own: the work here is a function of the target's name, so the rules (canary
 * first, the budget, what is said of each target) are checked without a database; FleetCliIT checks them on real
 * ones through the CLI.
 */
class WavesTest {

    private static TargetResult ok(Target t) {
        return new TargetResult(t.name(), t.tags(), TargetResult.Result.APPLIED, Optional.of("1"), Optional.of("2"),
                0, 0, Optional.empty(), Optional.empty(), "ok");
    }

    private static TargetResult fail(Target t) {
        return new TargetResult(t.name(), t.tags(), TargetResult.Result.FAILED, Optional.of("1"), Optional.of("1"),
                0, 1, Optional.empty(), Optional.empty(), "boom");
    }

    private static Target t(String name, String... tags) {
        return new Target(name, "u", null, List.of(tags), Optional.empty());
    }

    @Test
    void aFailedCanaryStopsTheRest() {
        List<Target> all = List.of(t("a"), t("b", "canary"), t("c"), t("d"));
        List<TargetResult> r = new Waves(new Waves.Options(4, 1, 5, false), Cancellation.none(), FleetListener.NONE)
                .run(all, x -> x.name().equals("b") ? fail(x) : ok(x));
        assertThat(r).extracting(TargetResult::name).containsExactly("a", "b", "c", "d");
        assertThat(r).extracting(x -> x.result()).containsExactly(TargetResult.Result.NOT_STARTED,
                TargetResult.Result.FAILED, TargetResult.Result.NOT_STARTED, TargetResult.Result.NOT_STARTED);
        assertThat(r.get(0).message()).isEqualTo("the canary wave failed");
    }

    @Test
    void theBudgetStopsNewStartsAndEveryStartedTargetFinishes() {
        List<Target> all = List.of(t("c0"), t("f1"), t("f2"), t("x3"), t("x4"), t("x5"));
        Set<String> started = ConcurrentHashMap.newKeySet();
        List<TargetResult> r = new Waves(new Waves.Options(1, 1, 2, false), Cancellation.none(), FleetListener.NONE)
                .run(all, x -> {
                    started.add(x.name());
                    return x.name().startsWith("f") ? fail(x) : ok(x);
                });
        assertThat(started).containsExactlyInAnyOrder("c0", "f1", "f2");
        assertThat(r.subList(3, 6)).allMatch(x -> x.result() == TargetResult.Result.NOT_STARTED
                && x.message().contains("failure budget (2)"));
    }

    @Test
    void noMoreThanParallelRunAtOnce() {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Target> all = java.util.stream.IntStream.range(0, 40).mapToObj(i -> t("t" + i)).toList();
        new Waves(new Waves.Options(4, 1, 1, false), Cancellation.none(), FleetListener.NONE).run(all, x -> {
            peak.accumulateAndGet(now.incrementAndGet(), Math::max);
            Thread.onSpinWait();
            now.decrementAndGet();
            return ok(x);
        });
        assertThat(peak.get()).isBetween(1, 4);
    }

    @Test
    void canaryOnlyRunsTheCanaryWave() {
        List<TargetResult> r = new Waves(new Waves.Options(2, 2, 1, true), Cancellation.none(), FleetListener.NONE)
                .run(List.of(t("a"), t("b"), t("c")), WavesTest::ok);
        assertThat(r).extracting(TargetResult::name).containsExactly("a", "b");
        assertThat(r).allMatch(x -> x.result() == TargetResult.Result.APPLIED);
    }

    @Test
    void aStopRequestStartsNothingNew() {
        Cancellation stop = Cancellation.none();
        List<TargetResult> r = new Waves(new Waves.Options(1, 0, 9, false), stop, FleetListener.NONE)
                .run(List.of(t("a"), t("b"), t("c")), x -> {
                    stop.request("SIGTERM");
                    return ok(x);
                });
        assertThat(r.get(0).result()).isEqualTo(TargetResult.Result.APPLIED);
        assertThat(r.get(1).message()).contains("stopped (SIGTERM)");
    }
}
