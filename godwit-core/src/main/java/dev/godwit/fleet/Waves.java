package dev.godwit.fleet;

import dev.godwit.base.Cancellation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one piece of work per target in waves: the canary wave first (the targets tagged {@code canary}, else the
 * first {@code canary} targets), which must all succeed before anything else starts; then the rest, up to
 * {@code parallel} at a time. After {@code maxFailures} failures no new target starts; the running ones finish
 * (each is one Godwit run with its own lock and transactions, so finishing is the clean stop). A stop request
 * (SIGTERM) also stops new starts, and reaches the running ones through their own cancellation.
 */
public final class Waves {

    /** The work for one target: never throws; a failure is a {@link TargetResult} that says so. */
    public interface Work {
        TargetResult run(Target target);
    }

    /**
     * @param canary      how many first targets form the canary wave when none is tagged {@code canary} (0: none)
     * @param maxFailures failures after which no new target starts ({@code Integer.MAX_VALUE}: never stop)
     * @param canaryOnly  run the canary wave only (the Kubernetes canary Job)
     */
    public record Options(int parallel, int canary, int maxFailures, boolean canaryOnly) {
        public Options {
            if (parallel < 1 || canary < 0 || maxFailures < 1) {
                throw new IllegalArgumentException("parallel and max failures must be at least 1, canary 0 or more");
            }
        }
    }

    private final Options options;
    private final Cancellation cancellation;
    private final FleetListener listener;
    private int failures;

    public Waves(Options options, Cancellation cancellation, FleetListener listener) {
        this.options = options;
        this.cancellation = cancellation;
        this.listener = listener;
    }

    /** The canary wave of {@code targets}: those tagged canary, else the first K. */
    public static List<Target> canaries(List<Target> targets, int k) {
        List<Target> tagged = targets.stream().filter(Target::canary).toList();
        return !tagged.isEmpty() ? tagged : targets.subList(0, Math.min(k, targets.size()));
    }

    /** Every target's result, in the order of {@code targets} (with {@code canaryOnly}, the canaries' only). */
    public List<TargetResult> run(List<Target> targets, Work work) {
        Map<String, TargetResult> results = new LinkedHashMap<>();
        targets.forEach(t -> results.put(t.name(), null));
        List<Target> canaries = canaries(targets, options.canary());
        List<Target> rest = targets.stream().filter(t -> !canaries.contains(t)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(options.parallel(), r -> {
            Thread t = new Thread(r, "godwit-fleet");
            t.setDaemon(true);
            return t;
        });
        try {
            boolean canaryOk = true;
            if (!canaries.isEmpty()) {
                listener.waveStarted("canary", canaries.size());
                int before = failures;
                wave(pool, canaries, work, results);
                canaryOk = failures == before && canaries.stream().allMatch(t -> results.get(t.name()).result().ok());
            }
            if (options.canaryOnly()) {
                // The canary Job's run is about the canaries alone: the rest are another Job's, not failures here.
                rest.forEach(t -> results.remove(t.name()));
            } else if (!canaryOk) {
                rest.forEach(t -> results.put(t.name(), TargetResult.notStarted(t, "the canary wave failed")));
            } else if (!rest.isEmpty()) {
                listener.waveStarted("rest", rest.size());
                wave(pool, rest, work, results);
            }
        } finally {
            pool.shutdownNow();
        }
        return new ArrayList<>(results.values());
    }

    private void wave(ExecutorService pool, List<Target> wave, Work work, Map<String, TargetResult> results) {
        CompletionService<TargetResult> done = new ExecutorCompletionService<>(pool);
        int next = 0;
        int running = 0;
        while (true) {
            while (running < options.parallel() && next < wave.size() && failures < options.maxFailures()
                    && !cancellation.requested()) {
                Target t = wave.get(next++);
                listener.targetStarted(t);
                done.submit(() -> safely(work, t));
                running++;
            }
            if (running == 0) {
                break;
            }
            TargetResult r = take(done);
            running--;
            results.put(r.name(), r);
            if (r.failed()) {
                failures++;
            }
            listener.targetFinished(r);
        }
        String why = cancellation.requested() ? "the fleet run was stopped (" + cancellation.reason().orElse("signal")
                + ")" : "the failure budget (" + options.maxFailures() + ") was spent";
        for (int i = next; i < wave.size(); i++) {
            results.put(wave.get(i).name(), TargetResult.notStarted(wave.get(i), why));
        }
    }

    private static TargetResult safely(Work work, Target t) {
        try {
            return work.run(t);
        } catch (RuntimeException e) {
            return new TargetResult(t.name(), t.tags(), TargetResult.Result.FAILED, Optional.empty(),
                    Optional.empty(), 0, 10, Optional.empty(), Optional.empty(),
                    "internal error: " + e.getClass().getSimpleName());
        }
    }

    private static TargetResult take(CompletionService<TargetResult> done) {
        // The work never throws and every started target is awaited: a fleet never walks away from a running one.
        try {
            Future<TargetResult> f = done.take();
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while targets were running", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
