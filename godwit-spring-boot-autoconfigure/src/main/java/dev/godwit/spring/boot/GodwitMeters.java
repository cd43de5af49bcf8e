package dev.godwit.spring.boot;

import dev.godwit.run.RunEvent;
import dev.godwit.run.RunListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Micrometer meters from a run's events: the measures the CLI exports to Prometheus (godwit-prometheus), under
 * Micrometer's dotted names ({@code godwit.migration.duration} is scraped as
 * {@code godwit_migration_duration_seconds}).
 */
public class GodwitMeters implements RunListener {

    private final ObjectProvider<MeterRegistry> registries;
    private final AtomicLong lastSuccess = new AtomicLong();
    private final AtomicLong lastFailure = new AtomicLong();
    private volatile MeterRegistry gaugesIn;

    public GodwitMeters(ObjectProvider<MeterRegistry> registries) {
        this.registries = registries;
    }

    @Override
    public void on(RunEvent e) {
        MeterRegistry r = registries.getIfUnique(); // Boot makes a composite primary when there are several
        if (r == null) {
            return; // no (single) registry in this application: nothing to record into
        }
        registerGauges(r);
        if (e instanceof RunEvent.RunFinished f) {
            timer(r, "godwit.run.duration", "A migrate or rollback run, start to end").record(f.took());
            lastSuccess.set(Instant.now().getEpochSecond());
        } else if (e instanceof RunEvent.MigrationApplied a) {
            timer(r, "godwit.migration.duration", "One migration, applied or reverted").record(a.took());
            r.counter("godwit.migrations.applied").increment();
        } else if (e instanceof RunEvent.MigrationFailed f) {
            r.counter("godwit.migrations.failed").increment();
            if (f.failure().integrity()) {
                r.counter("godwit.invariant.refusals").increment();
            }
            lastFailure.set(Instant.now().getEpochSecond());
        } else if (e instanceof RunEvent.LockAcquired l) {
            timer(r, "godwit.lock.wait", "Waiting for the migration lock").record(l.waited());
        } else if (e instanceof RunEvent.LockRetry) {
            r.counter("godwit.lock.retries").increment();
        } else if (e instanceof RunEvent.Linted l && l.gate()
                && l.findings().stream().anyMatch(f -> f.risk().compareTo(l.maxRisk()) >= 0)) {
            r.counter("godwit.gate.refusals").increment();
        }
    }

    private static Timer timer(MeterRegistry r, String name, String help) {
        return Timer.builder(name).description(help).register(r);
    }

    private void registerGauges(MeterRegistry r) {
        if (gaugesIn != r) {
            gaugesIn = r;
            r.gauge("godwit.last.success.timestamp", lastSuccess); // epoch seconds, 0 before the first
            r.gauge("godwit.last.failure.timestamp", lastFailure);
        }
    }
}
