package dev.godwit.execute;

import dev.godwit.run.RunListener;
import dev.godwit.audit.Actor;
import dev.godwit.audit.AuditLog;
import dev.godwit.config.GodwitConfig;
import dev.godwit.lock.MigrationLock;

/**
 * What every run (migrate, rollback, a history change) needs besides its request: the configuration, a way
 * to open connections, who hears its events, who asks for the lock, and where its audit entries go.
 */
public record RunSetup(GodwitConfig config, Connector connector, RunListener listener,
                       MigrationLock.Requester requester, Actor actor, AuditLog audit) {

    public String runId() {
        return requester.runId();
    }
}
