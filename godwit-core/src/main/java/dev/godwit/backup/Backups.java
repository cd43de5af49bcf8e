package dev.godwit.backup;

import dev.godwit.config.GodwitConfig;
import dev.godwit.db.ConnectionSettings;
import dev.godwit.base.Cancellation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Godwit's backups of the configured database: create, list, verify, restore, prune. Core never prints:
 * progress goes to a callback, results come back as values, and failures as {@link BackupException}s whose
 * messages say what to do.
 */
public final class Backups {

    /**
     * @param jobs    pg_dump jobs; more than 1 means the directory format ({@code [backup] jobs} when empty)
     * @param purpose {@link Manifest#MANUAL} or {@link Manifest#PRE_MIGRATE}
     */
    public record Request(Optional<String> label, boolean keep, String purpose, String runId,
                          Optional<Integer> jobs) {

        public static Request manual(String runId) {
            return new Request(Optional.empty(), false, Manifest.MANUAL, runId, Optional.empty());
        }
    }

    /** Where a deep verification restores: the server at a URL, or an embedded PostgreSQL when empty. */
    public record Scratch(Optional<ConnectionSettings> server) {
        public static Scratch embedded() {
            return new Scratch(Optional.empty());
        }
    }

    private final GodwitConfig config;
    private final Cancellation cancel;
    private BackupStore store;

    public Backups(GodwitConfig config) {
        this(config, Cancellation.none());
    }

    /**
     * @param cancel a stop request (SIGINT/SIGTERM in the CLI) ends the operation in progress: its pg_dump or
     *               pg_restore is stopped, its partial, staging and plaintext files removed, and it ends with
     *               {@link BackupException.Kind#INTERRUPTED}
     */
    public Backups(GodwitConfig config, Cancellation cancel) {
        this.config = config;
        this.cancel = cancel;
    }

    /**
     * Removes what interrupted backup commands left (a power loss, kill -9): partial files, pg_dump's
     * unencrypted staging folders, half-written manifests, decrypted temporary copies; never what a running
     * command is still writing. What it removed, each with what it was.
     */
    public List<String> sweep() {
        return Leftovers.sweep(config.backup().dir(), Path.of(System.getProperty("java.io.tmpdir")))
                .stream().map(Leftovers.Removed::toString).toList();
    }

    /**
     * The store {@code [backup]} names (the folder {@code dir}, or {@code location}), opened on first use: a bucket
     * that cannot be reached is said by the command that needs it.
     */
    public synchronized BackupStore store() throws BackupException {
        if (store == null) {
            store = BackupStore.of(config.backup());
        }
        return store;
    }

    /** Takes a backup; {@code progress} hears the bytes written so far. */
    public Manifest create(Request r, LongConsumer progress) throws BackupException, InterruptedException {
        refusePlaintext();
        return new BackupCreate(config, store(), cancel).run(r, progress);
    }

    /** Into the folder with {@code opener} opening its files: tests simulate a full disk. */
    Manifest create(Request r, LongConsumer progress, BackupCreate.FileOpener opener)
            throws BackupException, InterruptedException {
        refusePlaintext();
        return new BackupCreate(config, new FolderStore(config.backup().dir(), opener), cancel).run(r, progress);
    }

    private void refusePlaintext() throws BackupException {
        java.util.Optional<String> plaintext = config.backup().plaintextRefusal(config.environment());
        if (plaintext.isPresent()) {
            throw new BackupException(BackupException.Kind.REFUSED, plaintext.get());
        }
    }

    /** Every backup in the store, oldest first. */
    public List<Manifest> list() throws BackupException {
        return store().list();
    }

    public Manifest find(String id) throws BackupException {
        return store().find(id);
    }

    /** Marks a backup keep (or not): {@code prune} never removes one that is marked. */
    public Manifest keep(Manifest m, boolean keep) throws BackupException {
        Manifest changed = m.withKeep(keep);
        store().write(changed);
        return changed;
    }

    /**
     * Checks a backup: its checksum, its encryption's authentication, pg_restore's reading of it and, with a
     * scratch server, a full restore whose row counts must match the manifest's. A backup that passes is
     * marked verified in its manifest.
     */
    public Verification verify(Manifest m, Optional<Scratch> deep) throws BackupException, InterruptedException {
        Verification v = new BackupVerify(config, store(), cancel).run(m, deep);
        if (v.ok()) {
            store().write(m.withVerified(new Manifest.Verified(java.time.Instant.now().toString(), deep.isPresent())));
        }
        return v;
    }

    /** Restores into a new database {@code name} on the same server; refuses a backup that does not verify. */
    public Restored restoreInto(Manifest m, String name) throws BackupException, InterruptedException {
        return new BackupRestore(config, store(), cancel).into(m, name);
    }

    /** Replaces the configured database's contents with the backup's, under the caller's migration lock. */
    public Restored replace(Manifest m, dev.godwit.lock.MigrationLock.Requester requester)
            throws BackupException, InterruptedException {
        return new BackupRestore(config, store(), cancel).replace(m, requester, config.migrate().lockWait());
    }

    /** What {@code prune} would remove and keep; {@code apply} removes it. */
    public Retention.Plan prune(Retention.Rules rules, boolean apply) throws BackupException {
        Retention.Plan plan = Retention.plan(store().list(), rules, java.time.Instant.now());
        if (apply) {
            for (Manifest m : plan.remove()) {
                store().delete(m);
            }
        }
        return plan;
    }
}
