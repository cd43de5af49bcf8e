package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.godwit.cli.commands.SnapshotsCommand;
import dev.godwit.config.SafetySettings.SnapshotMode;
import dev.godwit.snapshot.SnapshotOutcome;
import dev.godwit.snapshot.Snapshots;
import dev.godwit.sql.StatementSplitter;
import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * {@code godwit snapshots list|show|drop}, run in-process through picocli with the same exit-code handling as
 * {@link Main}: the command is added to {@code godwit} here when {@link GodwitCommand} does not list it yet.
 */
@ExtendWith(PostgresExtension.class)
class SnapshotsCliIT {

    private TestDatabase db;
    private String dropped;
    private String updated;


    @BeforeEach
    void twoSnapshots(TestDatabase db) throws Exception {
        this.db = db;
        db.execute("create table accounts (id bigint primary key, note text)",
                "insert into accounts select g, 'note ' || g from generate_series(1, 25) g");
        updated = take("update accounts set note = null where id <= 2", "V1__clear.sql");
        dropped = take("alter table accounts drop column note", "V2__drop_note.sql");
    }

    private String take(String sql, String script) throws Exception {
        Snapshots snapshots = new Snapshots(Snapshots.DEFAULT_SCHEMA);
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            List<SnapshotOutcome> out = snapshots.before(c, StatementSplitter.split(sql).get(0), SnapshotMode.AUTO,
                    1000, "run-1", script.substring(1, 2), script);
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
            c.commit();
            return ((SnapshotOutcome.Taken) out.get(0)).snapshot().name();
        }
    }

    InProcess.Result run(String... args) {
        return InProcess.run(cl -> { }, InProcess.withUrl(db.postgresUrl(), args));
    }

    static JsonNode json(InProcess.Result r) throws IOException {
        return new ObjectMapper().readTree(r.stdout());
    }

    @Test
    void listShowsEverySnapshotNewestFirst() {
        InProcess.Result r = run("snapshots", "list");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Name", "Source table", "Reason");
        assertThat(r.stdout().indexOf(dropped)).as(r.stdout()).isLessThan(r.stdout().indexOf(updated));
        assertThat(r.stdout()).contains("2/V2__drop_note.sql:1", "DROP COLUMN accounts.note", "id, note", " 25 ");
    }

    @Test
    void listAsJsonAcceptsTheOptionAfterTheSubcommand() throws IOException {
        InProcess.Result r = run("snapshots", "list", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode doc = json(r);
        assertThat(doc.get("snapshotSchema").asText()).isEqualTo("godwit_snapshots");
        assertThat(doc.get("snapshots")).hasSize(2);
        JsonNode first = doc.get("snapshots").get(0);
        assertThat(first.get("name").asText()).isEqualTo(dropped);
        assertThat(first.get("rows").asLong()).isEqualTo(25);
        assertThat(first.get("columns").toString()).isEqualTo("[\"id\",\"note\"]");
        assertThat(first.get("version").asText()).isEqualTo("2");
    }

    @Test
    void listSaysSoWhenThereAreNone() {
        db.execute("drop schema godwit_snapshots cascade");
        InProcess.Result r = run("snapshots", "list");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("No snapshots in godwit_snapshots.");
    }

    @Test
    void showPrintsDetailsAndTheFirstTwentyRows() throws IOException {
        InProcess.Result r = run("snapshots", "show", dropped);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("godwit_snapshots." + dropped, "DROP COLUMN accounts.note", "Rows      25",
                "  id  note", "… 5 more row(s)");
        assertThat(r.stdout().lines().filter(l -> l.matches("\\s+\\d+\\s+(note \\d+|NULL)")))
                .as("the first twenty rows, in the copy's order").hasSize(20);

        db.execute("update godwit_snapshots." + updated + " set note = null where id = 1");
        assertThat(run("snapshots", "show", updated).stdout()).contains("  1   NULL");

        JsonNode doc = json(run("snapshots", "show", updated, "--json"));
        assertThat(doc.get("snapshot").get("reason").asText()).isEqualTo("UPDATE accounts SET note WHERE id <= 2");
        assertThat(doc.get("preview")).hasSize(2);
        assertThat(doc.get("preview").get(0).get("note").asText()).startsWith("note ");
    }

    @Test
    void anUnknownNameIsAUsageErrorThatListsTheKnownOnes() {
        for (String sub : List.of("show", "drop")) {
            InProcess.Result r = run("snapshots", sub, "s_nope");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.stderr()).contains("no snapshot named s_nope", dropped, updated);
        }
    }

    @Test
    void dropNeedsYesAndThenRemovesTheCopyAndItsRow() {
        InProcess.Result refused = run("snapshots", "drop", dropped);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.stderr()).contains("--yes", "25 row(s)");
        assertThat(db.tableExists("godwit_snapshots." + dropped)).isTrue();

        InProcess.Result r = run("snapshots", "drop", dropped, "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Dropped snapshot " + dropped);
        assertThat(db.tableExists("godwit_snapshots." + dropped)).isFalse();
        assertThat(db.count("select count(*) from godwit_snapshots.snapshots")).isOne();
    }

    @Test
    void noSubcommandIsAUsageError() {
        InProcess.Result r = run("snapshots");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("snapshots list");
    }

    /** Issue 20 item 9: a copy can be put back, by primary key, audited; and old copies pruned. */
    @Test
    void aSnapshotIsPutBackByPrimaryKeyAndAudited() {
        db.execute("alter table accounts add column note text");
        InProcess.Result unconfirmed = run("snapshots", "restore", dropped);
        assertThat(unconfirmed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unconfirmed.stderr()).contains("add --yes");
        assertThat(db.count("select count(*) from accounts where note is not null")).isZero();

        InProcess.Result r = run("snapshots", "restore", dropped, "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Restored 25 row(s) of " + dropped + " into");
        assertThat(db.queryValue("select note from accounts where id = 7")).isEqualTo("note 7");
        assertThat(db.count("select count(*) from godwit.audit_log where action = 'snapshot_restored'")).isOne();

        InProcess.Result copy = run("snapshots", "restore", updated, "--into", "old_notes", "--yes");
        assertThat(copy.exitCode()).as(copy.toString()).isZero();
        assertThat(db.count("select count(*) from old_notes")).isEqualTo(2);
    }

    @Test
    void pruneListsFirstAndDropsWithYes() {
        InProcess.Result dry = run("snapshots", "prune", "--older-than", "0s");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.stdout()).contains("Would drop 2 snapshot(s)").contains("add --yes");
        InProcess.Result none = run("snapshots", "prune", "--older-than", "30d", "--yes");
        assertThat(none.stdout()).contains("Dropped 0 snapshot(s)");
        InProcess.Result r = run("snapshots", "prune", "--older-than", "0s", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(db.count("select count(*) from godwit_snapshots.snapshots")).isZero();
        assertThat(db.count("select count(*) from godwit.audit_log where action = 'snapshots_pruned'")).isOne();
    }

    @Test
    void badInputToRestoreAndPruneIsAUsageErrorThatChangesNothing() {
        InProcess.Result unknown = run("snapshots", "restore", "s_nothing_like_it", "--yes");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.stderr()).contains("s_nothing_like_it");
        InProcess.Result badAge = run("snapshots", "prune", "--older-than", "soon", "--yes");
        assertThat(badAge.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badAge.stderr()).contains("--older-than");
        assertThat(db.count("select count(*) from godwit_snapshots.snapshots")).isEqualTo(2);
    }
}
