package dev.godwit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.api.Godwit;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class StateTest {

    @TempDir
    Path tmp;

    /** Issue 20 item 6: a snapshot copy (no primary key) made /health 503 and fired the integrity alert. */
    @Test
    void godwitsOwnSnapshotTablesAreNoIntegrityProblem(TestDatabase db) {
        db.execute("create table accounts (id bigint primary key)",
                "create schema godwit_snapshots",
                "create table godwit_snapshots.s_20261207120000_accounts_1 (id bigint, note text)");
        Godwit g = Godwit.configure().url(db.postgresUrl()).locations(tmp.toString()).environmentVariables(Map.of())
                .workingDirectory(tmp).load();
        State s = g.state();
        assertThat(s.integrityProblems()).isEmpty();
        assertThat(Health.of(s, Duration.ofDays(365), Instant.now()).reasons())
                .noneMatch(r -> r.contains("primary key"));

        db.execute("create table ledger (amount numeric)");
        assertThat(g.state().integrityProblems()).as("a table of the user's own still is one")
                .contains("table-without-primary-key: 1 found");
    }
}
