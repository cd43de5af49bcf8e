package dev.godwit.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SnapshotNamesTest {

    private static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");

    @Test
    void nameHasTimeTableAndCounter() {
        assertThat(SnapshotNames.name(AT, "accounts", 1)).isEqualTo("s_20260304050607_accounts_1");
    }

    @Test
    void anyTableNameGivesAPlainIdentifierOfAtMost63Bytes() {
        String longest = SnapshotNames.name(AT, "Ünïcode Täble ".repeat(20), 12345);
        assertThat(longest.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(63);
        assertThat(longest).matches("[a-z0-9_]+").endsWith("_12345");
        assertThat(SnapshotNames.name(AT, "", 2)).isEqualTo("s_20260304050607_t_2");
        assertThat(SnapshotNames.clean("Ledger \"Entries\"")).isEqualTo("ledger__entries_");
    }
}
