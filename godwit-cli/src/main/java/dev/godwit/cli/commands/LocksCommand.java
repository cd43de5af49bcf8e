package dev.godwit.cli.commands;

import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Output;
import dev.godwit.cli.Session;
import dev.godwit.base.Durations;
import dev.godwit.lock.LockHolder;
import dev.godwit.lock.MigrationLock;
import dev.godwit.preflight.Backend;
import dev.godwit.preflight.BlockingTree;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "locks", description = "Who blocks whom right now (pg_blocking_pids), as a tree: pid, user,"
        + " application, client, state, wait, duration, query; and who holds Godwit's migration lock."
        + " --terminate-idle-in-transaction ends sessions idle in transaction longer than the given duration.")
public final class LocksCommand extends BaseCommand {

    @Option(names = "--terminate-idle-in-transaction", paramLabel = "OLDER_THAN",
            description = "End the sessions idle in transaction for longer than this (e.g. 5m), after"
                    + " confirmation; each one is reported.")
    String terminateOlderThan;

    @Option(names = "--yes", description = "Do not ask before terminating.")
    boolean yes;

    /** Where the confirmation is read from; tests replace it. */
    java.io.Reader input = new InputStreamReader(System.in, StandardCharsets.UTF_8);

    @Override
    public Integer call() throws SQLException, IOException {
        Duration olderThan = terminateOlderThan == null ? null : duration(terminateOlderThan);
        Session s = session();
        try (Connection c = s.connect()) {
            List<BlockingTree.Node> roots = BlockingTree.now(c);
            Optional<LockHolder> holder = MigrationLock.holder(c, s.config().schema());
            List<Map<String, Object>> terminated = new ArrayList<>();
            if (!out().json()) {
                text(out(), roots, holder);
            }
            if (olderThan != null) {
                terminated = terminate(c, olderThan);
            }
            if (out().json()) {
                Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
                doc.put("blocking", roots.stream().map(LocksCommand::json).toList());
                doc.put("migrationLock", holder.map(StatusCommand::lockJson).orElse(null));
                if (olderThan != null) {
                    doc.put("terminated", terminated);
                }
                out().result(doc);
            }
        }
        return ExitCodes.OK;
    }

    private static Duration duration(String text) {
        Optional<Duration> d = Durations.parse(text);
        if (d.isEmpty() || d.get().isZero() || d.get().isNegative()) {
            throw new CliFailure(ExitCodes.USAGE, "--terminate-idle-in-transaction must be a duration above 0 such"
                    + " as 30s or 5m, not '" + text + "'");
        }
        return d.get();
    }

    private static void text(Output o, List<BlockingTree.Node> roots, Optional<LockHolder> holder) {
        o.line(o.bold("Migration lock") + ": " + holder.map(LockHolder::describe).orElse("free"));
        if (roots.isEmpty()) {
            o.line(o.bold("Blocking") + ": nobody waits for a lock held by another session");
            return;
        }
        o.line(o.bold("Blocking") + " (each session blocks the ones indented under it):");
        roots.forEach(r -> print(o, r, 1));
    }

    private static void print(Output o, BlockingTree.Node n, int depth) {
        o.line("  ".repeat(depth) + (depth == 1 ? "" : "└ ") + n.session().describe());
        n.blocked().forEach(b -> print(o, b, depth + 1));
    }

    private List<Map<String, Object>> terminate(Connection c, Duration olderThan) throws SQLException, IOException {
        List<Backend> idle = BlockingTree.idleInTransaction(c, olderThan);
        List<Map<String, Object>> done = new ArrayList<>();
        if (idle.isEmpty()) {
            out().line("No session has been idle in transaction for " + Durations.format(olderThan) + " or longer.");
            return done;
        }
        out().line(idle.size() + " session(s) idle in transaction for " + Durations.format(olderThan) + " or longer:");
        idle.forEach(b -> out().line("  " + b.describe()));
        if (!yes && !confirm()) {
            throw new CliFailure(ExitCodes.USAGE, "nothing was terminated (not confirmed; --yes skips the question)");
        }
        for (Backend b : idle) {
            boolean ended = BlockingTree.terminateIfStillIdle(c, b.pid(), olderThan);
            out().line("  " + (ended ? out().green("terminated") : out().yellow("left alone (no longer idle)"))
                    + " pid " + b.pid());
            Map<String, Object> m = json(b);
            m.put("terminated", ended);
            done.add(m);
        }
        return done;
    }

    private boolean confirm() throws IOException {
        out().line("Terminate them (their transactions roll back)? [y/N] ");
        String answer = new BufferedReader(input).readLine();
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }

    static Map<String, Object> json(BlockingTree.Node n) {
        Map<String, Object> m = json(n.session());
        m.put("blocks", n.blocked().stream().map(LocksCommand::json).toList());
        return m;
    }

    static Map<String, Object> json(Backend b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", b.pid());
        m.put("user", b.user());
        m.put("application", b.application());
        m.put("client", b.client());
        m.put("state", b.state());
        m.put("waiting", b.waiting());
        m.put("transactionSeconds", b.transactionAge() == null ? null : b.transactionAge().toMillis() / 1000.0);
        m.put("stateSeconds", b.stateAge() == null ? null : b.stateAge().toMillis() / 1000.0);
        m.put("query", b.query());
        return m;
    }
}
