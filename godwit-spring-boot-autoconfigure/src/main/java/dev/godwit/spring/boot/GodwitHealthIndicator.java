package dev.godwit.spring.boot;

import dev.godwit.api.Godwit;
import dev.godwit.audit.Verification;
import dev.godwit.plan.Planner;
import java.util.Optional;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Down when the files and history do not validate or the audit chain is broken; up otherwise, with the number
 * pending (a migration Job may be about to apply them). Godwit's own snapshot tables never make it down: they are
 * Godwit's bookkeeping, not the application's data.
 */
public class GodwitHealthIndicator extends AbstractHealthIndicator {

    private final Godwit godwit;

    public GodwitHealthIndicator(Godwit godwit) {
        super("Godwit health check failed");
        this.godwit = godwit;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Planner.Planned planned = godwit.validate();
        Verification audit = godwit.audit().verify(Optional.empty());
        builder.withDetail("pending", planned.plan().pending().size())
                .withDetail("applied", planned.history().size())
                .withDetail("auditHead", audit.head());
        if (!planned.valid()) {
            builder.down().withDetail("problems", planned.problems());
        } else if (!audit.intact()) {
            builder.down().withDetail("auditBreak", audit.firstBreak().map(b -> "entry " + b.seq() + ": "
                    + b.message()).orElse("the audit chain does not verify"));
        } else {
            builder.up();
        }
    }
}
