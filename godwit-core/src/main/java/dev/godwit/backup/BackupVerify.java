package dev.godwit.backup;

import dev.godwit.config.BackupKey;
import dev.godwit.config.BackupSettings;
import dev.godwit.config.GodwitConfig;
import dev.godwit.base.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a backup in one pass over its file: SHA-256 and size against the manifest, authentication of
 * every encrypted chunk, and {@code pg_restore --list} reading it; then, when asked, a deep check that
 * restores it into a scratch database and compares every table's row count with the manifest.
 */
final class BackupVerify {

    private final GodwitConfig config;
    private final BackupSettings settings;
    private final BackupStore store;
    private final Cancellation cancel;

    BackupVerify(GodwitConfig config, BackupStore store, Cancellation cancel) {
        this.config = config;
        this.settings = config.backup();
        this.store = store;
        this.cancel = cancel;
    }

    Verification run(Manifest m, Optional<Backups.Scratch> deep) throws BackupException, InterruptedException {
        List<Verification.Check> checks = new ArrayList<>();
        String file = store.locate(m);
        if (store.size(m).isEmpty()) {
            checks.add(new Verification.Check("file", false, file + " is missing"));
            return new Verification(m.id(), checks);
        }
        PgTools.Pair tools = PgTools.find(settings.pgBinDir(), m.serverMajor(), m.serverVersion(),
                System.getenv("PATH"));
        try (Interruption stop = new Interruption(cancel)) {
            try (TempCopy tmp = TempCopy.create(m, stop)) {
                quick(m, tools, tmp.dir(), checks, stop);
            } catch (IOException e) {
                stop.check("verifying " + m.id() + " was stopped; nothing was changed");
                throw BackupException.failed("could not read " + file + ": " + e.getMessage());
            }
            stop.check("verifying " + m.id() + " was stopped; nothing was changed");
            if (deep.isPresent() && checks.stream().allMatch(Verification.Check::ok)) {
                checks.addAll(new DeepCheck(config, store, tools, stop).run(m, deep.get()));
                stop.check("the deep check of " + m.id() + " was stopped; its scratch database was dropped");
            }
        }
        return new Verification(m.id(), checks);
    }

    private void quick(Manifest m, PgTools.Pair tools, Path tmp, List<Verification.Check> checks,
                       Interruption stop) throws IOException, BackupException, InterruptedException {
        Optional<String> keyProblem = keyProblem(m, settings.key());
        PgProcess list = null;
        String damage = null;
        try (Sha256.In raw = new Sha256.In(store.open(m))) {
            try {
                if (keyProblem.isEmpty()) {
                    InputStream plain = plaintext(raw, m, settings.key());
                    if (m.format().equals("directory")) {
                        Tar.extract(plain, tmp, "toc.dat");
                        list = stop.watch(PgProcess.start(List.of(tools.restore().path().toString(), "--list",
                                tmp.toString()), config.connection(), config.connection().database())).collectStdout();
                    } else {
                        list = stop.watch(PgProcess.start(List.of(tools.restore().path().toString(), "--list"),
                                config.connection(), config.connection().database())).collectStdout();
                        list.feed(plain);
                    }
                }
            } catch (BackupDamaged e) {
                damage = e.getMessage();
                if (list != null) {
                    list.closeStdin(); // pg_restore would otherwise wait for the rest forever
                }
            }
            raw.transferTo(OutputStream.nullOutputStream());
            boolean sizeOk = raw.bytes() == m.size();
            checks.add(new Verification.Check("size", sizeOk, raw.bytes() + " bytes" + (sizeOk ? ""
                    : ", the manifest says " + m.size() + ": the file was cut short or added to")));
            String sha = raw.hex();
            checks.add(new Verification.Check("sha256", sha.equals(m.sha256()), sha.equals(m.sha256()) ? sha
                    : sha + " differs from the manifest's " + m.sha256() + ": the file was changed"));
            if (m.encrypted()) {
                checks.add(new Verification.Check("decryption", keyProblem.isEmpty() && damage == null,
                        keyProblem.orElse(damage == null ? "every chunk authenticated with key " + m.keyId()
                                : "refused: " + damage)));
            } else if (damage != null) {
                checks.add(new Verification.Check("archive", false, damage));
            }
            if (list != null) {
                int code = list.waitFor();
                long entries = list.stdoutText().lines().filter(l -> !l.isBlank() && !l.startsWith(";")).count();
                boolean ok = code == 0 && damage == null;
                checks.add(new Verification.Check("pg_restore --list", ok, ok ? entries + " entries"
                        : damage != null ? "not trusted: the stream it read was damaged" : list.failure(code)));
            }
        } finally {
            if (list != null) {
                list.close();
            }
        }
    }

    /** Why this backup cannot be decrypted with the configured key, if it cannot. */
    static Optional<String> keyProblem(Manifest m, Optional<BackupKey> key) {
        if (!m.encrypted()) {
            return Optional.empty();
        }
        if (m.keyId() == null || !m.keyId().matches("[0-9a-f]{16}")) {
            // Godwit writes 16 hex digits: anything else is a damaged (or edited) manifest, not a wrong key.
            return Optional.of("the manifest is damaged: its key id '" + m.keyId() + "' is not one Godwit writes (16"
                    + " hex digits), so which key the backup needs is unknown; do not rely on this backup");
        }
        if (key.isEmpty()) {
            return Optional.of("it is encrypted (key id " + m.keyId() + ") and no key is set: set "
                    + BackupKey.VARIABLE + " or [backup] key_file to the key it was made with");
        }
        if (!key.get().id().equals(m.keyId())) {
            return Optional.of("it was encrypted with the key whose id is " + m.keyId() + ", but the key from "
                    + key.get().source() + " has id " + key.get().id() + ": set the key it was made with");
        }
        return Optional.empty();
    }

    /** The dump itself: {@code raw} decrypted when the backup is encrypted. */
    static InputStream plaintext(InputStream raw, Manifest m, Optional<BackupKey> key) throws IOException {
        return m.encrypted() ? new DecryptingStream(raw, key.orElseThrow()) : raw;
    }

}
