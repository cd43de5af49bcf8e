package dev.godwit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.pitr.WalPosition;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestTest {

    /** Marking a backup kept or verified rewrites its manifest: nothing else of it may be lost on the way. */
    @Test
    void keepAndVerifiedKeepTheWalPositionAndEverythingElse() {
        WalPosition wal = new WalPosition("0/3000148", 1, "000000010000000000000003", "2026-12-07T19:01:02Z", 742);
        Manifest m = new Manifest(Manifest.VERSION, "20261207-1", "postgres://deploy@db/ledger", "15.8", 15, "15.8",
                "41", "2026-12-07T19:01:02Z", 10, "abc", true, "k1", "custom", 1, "20261207-1.dump", "before 42",
                false, "pre-migration", "run-1", Map.of("public.accounts", 3L), null, wal);
        Manifest kept = m.withKeep(true);
        assertThat(kept.keep()).isTrue();
        assertThat(kept.withKeep(false)).isEqualTo(m);
        assertThat(kept.wal()).isEqualTo(wal);
        assertThat(m.withVerified(null).withWal(wal)).isEqualTo(m);
    }

    /** A flipped byte in the key id is a damaged manifest, said as such, not "set the key it was made with". */
    @Test
    void aKeyIdGodwitNeverWritesIsADamagedManifest() {
        dev.godwit.config.BackupKey key = dev.godwit.config.BackupKey.parse("00".repeat(32), "the test");
        Manifest m = new Manifest(Manifest.VERSION, "20261207-1", "postgres://deploy@db/ledger", "15.8", 15, "15.8",
                "41", "2026-12-07T19:01:02Z", 10, "abc", true, key.id(), "custom", 1, "20261207-1.dump", null,
                false, "manual", null, Map.of(), null, null);
        assertThat(BackupVerify.keyProblem(m, java.util.Optional.of(key))).isEmpty();
        String damaged = key.id().substring(0, 2) + ";" + key.id().substring(3);
        Manifest bad = new Manifest(Manifest.VERSION, "20261207-1", "postgres://deploy@db/ledger", "15.8", 15, "15.8",
                "41", "2026-12-07T19:01:02Z", 10, "abc", true, damaged, "custom", 1, "20261207-1.dump", null,
                false, "manual", null, Map.of(), null, null);
        assertThat(BackupVerify.keyProblem(bad, java.util.Optional.of(key))).get().asString()
                .contains("manifest is damaged").contains(damaged);
    }
}
