package dev.godwit.execute;

import dev.godwit.db.Connector;

import dev.godwit.base.Cancellation;
import dev.godwit.run.RunListener;
import dev.godwit.audit.Actor;
import dev.godwit.audit.AuditLog;
import dev.godwit.config.GodwitConfig;
import dev.godwit.lock.MigrationLock;

/**
 * What every run (migrate, rollback, a history change) needs besides its request: the configuration, a way
 * to open connections, who hears its events, who asks for the lock, where its audit entries go, and the stop
 * request that ends it cleanly (the CLI's SIGINT/SIGTERM, or an embedding application's own).
 */
public record RunSetup(GodwitConfig config, Connector connector, RunListener listener,
                       MigrationLock.Requester requester, Actor actor, AuditLog audit, Cancellation cancellation) {

    /** A run nobody will ask to stop. */
    public RunSetup(GodwitConfig config, Connector connector, RunListener listener, MigrationLock.Requester requester,
                    Actor actor, AuditLog audit) {
        this(config, connector, listener, requester, actor, audit, Cancellation.none());
    }

    public String runId() {
        return requester.runId();
    }
}
