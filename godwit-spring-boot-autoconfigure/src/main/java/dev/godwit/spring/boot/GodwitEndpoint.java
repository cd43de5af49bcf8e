package dev.godwit.spring.boot;

import dev.godwit.api.Godwit;
import dev.godwit.audit.Verification;
import dev.godwit.lock.LockHolder;
import dev.godwit.metrics.State;
import dev.godwit.migration.StatusEntry;
import dev.godwit.migration.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/godwit}: what {@code godwit status} shows (every migration and its state, the current version,
 * the lock holder) with the last run's times and the audit log's head. Read-only.
 */
@Endpoint(id = "godwit")
public class GodwitEndpoint {

    private final Godwit godwit;

    public GodwitEndpoint(Godwit godwit) {
        this.godwit = godwit;
    }

    /** The endpoint's answer. Times are null when there was none; {@code lockHolder} is null when free. */
    public record Report(String currentVersion, int pending, List<Migration> migrations, String lockHolder,
                         Instant lastSuccess, Instant lastFailure, String auditHead, boolean auditIntact,
                         String auditBreak) {}

    /** One line of {@code godwit status}. */
    public record Migration(String version, String description, String script, String state, Instant appliedAt) {}

    @ReadOperation
    public Report report() {
        Godwit.StatusResult status = godwit.status();
        State state = godwit.state();
        Verification audit = godwit.audit().verify(Optional.empty());
        List<Migration> migrations = status.planned().plan().entries().stream().map(GodwitEndpoint::migration)
                .toList();
        String current = status.planned().history().stream().filter(h -> h.success() && h.version() != null)
                .map(h -> h.version().text()).reduce((a, b) -> b).orElse(null);
        return new Report(current, state.pending(), migrations,
                status.lock().filter(LockHolder::live).map(LockHolder::describe).orElse(null),
                state.lastSuccess().orElse(null), state.lastFailure().orElse(null), audit.head(), audit.intact(),
                audit.firstBreak().map(b -> "entry " + b.seq() + ": " + b.message()).orElse(null));
    }

    private static Migration migration(StatusEntry e) {
        return new Migration(Optional.ofNullable(e.version()).map(Version::text).orElse(null), e.description(),
                e.script(), e.state().name().toLowerCase(java.util.Locale.ROOT),
                e.applied().map(a -> a.appliedAt()).orElse(null));
    }
}
