package dev.godwit.cli.commands;

import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Output;
import dev.godwit.cli.Session;
import dev.godwit.cli.Tables;
import dev.godwit.snapshot.Snapshot;
import dev.godwit.snapshot.Snapshots;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code godwit snapshots list | show NAME | drop NAME --yes}: the copies migrations took of data they destroyed. */
@Command(name = "snapshots", description = "List, show and drop the copies taken of data that migrations destroyed.",
        subcommands = {SnapshotsCommand.ListSnapshots.class, SnapshotsCommand.ShowSnapshot.class,
            SnapshotsCommand.DropSnapshot.class, SnapshotsCommand.RestoreSnapshot.class,
            SnapshotsCommand.PruneSnapshots.class})
public final class SnapshotsCommand extends BaseCommand {

    static final int PREVIEW_ROWS = 20;

    private final Snapshots snapshots = new Snapshots(Snapshots.DEFAULT_SCHEMA);

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: `godwit snapshots list`, "
                + "`godwit snapshots show NAME` or `godwit snapshots drop NAME --yes`");
    }

    /**
     * What the three subcommands share. Their parent is this command, not {@code godwit}, so they reach the
     * global options, the output and the session through it; the options themselves are inherited by picocli.
     */
    abstract static class Sub implements Callable<Integer> {

        /** {@code godwit <command> --help}, as the README promises for every command. */
        @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @ParentCommand
        SnapshotsCommand parent;

        @Spec
        CommandSpec spec;

        Output out() {
            return parent.out();
        }

        Session session() {
            return parent.session();
        }

        Snapshots snapshots() {
            return parent.snapshots;
        }

        /** The snapshot called {@code name}, or exit 2 naming the ones there are. */
        Snapshot known(Connection c, String name) throws SQLException {
            return snapshots().find(c, name).orElseThrow(() -> unknown(c, name));
        }

        private CliFailure unknown(Connection c, String name) {
            List<String> names = new ArrayList<>();
            try {
                snapshots().list(c).forEach(s -> names.add(s.name()));
            } catch (SQLException e) {
                names.clear(); // the main message stands without the list
            }
            String known = names.isEmpty() ? "there are none" : "known: " + String.join(", ", names);
            return new CliFailure(ExitCodes.USAGE, "no snapshot named " + name + " in " + snapshots().schema()
                    + " (" + known + "); `godwit snapshots list` shows them");
        }

        Map<String, Object> document(Session s) {
            Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
            doc.put("snapshotSchema", snapshots().schema());
            return doc;
        }
    }

    @Command(name = "list", description = "The snapshots, newest first.")
    static final class ListSnapshots extends Sub {

        @Override
        public Integer call() throws SQLException {
            Session s = session();
            List<Snapshot> all;
            try (Connection c = s.connect()) {
                all = snapshots().list(c);
            }
            if (out().json()) {
                Map<String, Object> doc = document(s);
                doc.put("snapshots", all.stream().map(SnapshotsCommand::json).toList());
                out().result(doc);
                return ExitCodes.OK;
            }
            if (all.isEmpty()) {
                out().line("No snapshots in " + snapshots().schema() + ".");
                return ExitCodes.OK;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("Name", "Created", "From", "Source table", "Columns", "Rows", "Reason"));
            for (Snapshot x : all) {
                rows.add(List.of(x.name(), Tables.time(x.createdAt()), from(x), x.sourceTable(), columns(x),
                        Long.toString(x.rows()), x.reason()));
            }
            Tables.print(out(), rows);
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "One snapshot's details and its first " + PREVIEW_ROWS + " rows.")
    static final class ShowSnapshot extends Sub {

        @Parameters(paramLabel = "NAME", description = "The snapshot, as `godwit snapshots list` names it.")
        String name;

        @Override
        public Integer call() throws SQLException {
            Session s = session();
            try (Connection c = s.connect()) {
                Snapshot x = known(c, name);
                Snapshots.Preview p = snapshots().preview(c, name, PREVIEW_ROWS).orElseThrow();
                if (out().json()) {
                    Map<String, Object> doc = document(s);
                    doc.put("snapshot", json(x));
                    doc.put("preview", previewJson(p));
                    out().result(doc);
                } else {
                    text(x, p);
                }
            }
            return ExitCodes.OK;
        }

        private void text(Snapshot x, Snapshots.Preview p) {
            Output o = out();
            o.line(o.bold("Snapshot") + "  " + snapshots().schema() + "." + x.name());
            o.line(o.bold("Reason  ") + "  " + x.reason());
            o.line(o.bold("From    ") + "  " + from(x) + "   (run " + x.runId() + ")");
            o.line(o.bold("Source  ") + "  " + x.sourceTable() + ", " + columns(x));
            o.line(o.bold("Created ") + "  " + Tables.time(x.createdAt()));
            o.line(o.bold("Rows    ") + "  " + x.rows());
            o.line("");
            List<List<String>> rows = new ArrayList<>();
            rows.add(p.columns());
            p.rows().forEach(r -> rows.add(r.stream().map(v -> v == null ? "NULL" : v).toList()));
            Tables.print(o, rows);
            if (x.rows() > p.rows().size()) {
                o.line("  … " + (x.rows() - p.rows().size()) + " more row(s)");
            }
        }

        private static List<Map<String, Object>> previewJson(Snapshots.Preview p) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (List<String> r : p.rows()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int k = 0; k < p.columns().size(); k++) {
                    row.put(p.columns().get(k), r.get(k));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    @Command(name = "drop", description = "Drop a snapshot and its registry row, for good (needs --yes).")
    static final class DropSnapshot extends Sub {

        @Parameters(paramLabel = "NAME", description = "The snapshot, as `godwit snapshots list` names it.")
        String name;

        @Option(names = "--yes", description = "Confirm that the copied data may be deleted.")
        boolean yes;

        @Override
        public Integer call() throws SQLException {
            Session s = session();
            try (Connection c = s.connect()) {
                Snapshot x = known(c, name);
                if (!yes) {
                    throw new CliFailure(ExitCodes.USAGE, "dropping " + name + " deletes its " + x.rows()
                            + " row(s) copied from " + x.sourceTable() + " for good; add --yes to confirm");
                }
                c.setAutoCommit(false); // the copy and its registry row go together or not at all
                snapshots().drop(c, name);
                c.commit();
            }
            if (out().json()) {
                Map<String, Object> doc = document(s);
                doc.put("dropped", name);
                out().result(doc);
            } else {
                out().line("Dropped snapshot " + name + ".");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "restore", description = "Put a snapshot's rows back into their table by primary key (rows that"
            + " are gone are inserted, copied columns set again), or --into a new table; under the migration lock,"
            + " audited. Needs --yes.")
    static final class RestoreSnapshot extends Sub {

        @Parameters(paramLabel = "NAME", description = "The snapshot, as `godwit snapshots list` names it.")
        String name;

        @Option(names = "--into", paramLabel = "NEW_TABLE", description = "Copy the rows into this new table instead.")
        String into;

        @Option(names = "--yes", description = "Confirm writing the copied rows back.")
        boolean yes;

        @Override
        public Integer call() throws SQLException {
            Session s = session();
            Snapshot x;
            try (Connection c = s.connect()) {
                x = known(c, name);
            }
            if (!yes) {
                throw new CliFailure(ExitCodes.USAGE, "restoring " + name + " writes its " + x.rows() + " row(s) "
                        + (into == null ? "back into " + x.sourceTable() + " by primary key" : "into a new table "
                        + into) + "; add --yes to confirm");
            }
            long rows = s.godwit().restoreSnapshot(name, java.util.Optional.ofNullable(into));
            if (out().json()) {
                Map<String, Object> doc = document(s);
                doc.put("restored", name);
                doc.put("into", into == null ? x.sourceTable() : into);
                doc.put("rows", rows);
                out().result(doc);
            } else {
                out().line("Restored " + rows + " row(s) of " + name + " into " + (into == null ? x.sourceTable()
                        : into) + "; the audit log records it.");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "prune", description = "Drop the snapshots older than --older-than (audited); without --yes, list"
            + " what would be dropped.")
    static final class PruneSnapshots extends Sub {

        @Option(names = "--older-than", paramLabel = "DURATION", required = true,
                description = "Age beyond which copies go, e.g. 30d.")
        String olderThan;

        @Option(names = "--yes", description = "Drop them (without it, only list them).")
        boolean yes;

        @Override
        public Integer call() {
            java.time.Duration age = dev.godwit.base.Durations.parse(olderThan).orElseThrow(() -> new CliFailure(
                    ExitCodes.USAGE, dev.godwit.base.Durations.expected("--older-than", olderThan)));
            Session s = session();
            java.util.List<String> names = s.godwit().pruneSnapshots(age, yes);
            if (out().json()) {
                Map<String, Object> doc = document(s);
                doc.put(yes ? "dropped" : "wouldDrop", names);
                out().result(doc);
            } else {
                out().line((yes ? "Dropped " : "Would drop ") + names.size() + " snapshot(s) older than "
                        + olderThan + (names.isEmpty() ? "." : ": " + String.join(", ", names))
                        + (yes || names.isEmpty() ? "" : " (add --yes to drop them)"));
            }
            return ExitCodes.OK;
        }
    }

    /** {@code 7/V7__x.sql:3}; repeatable migrations have no version. */
    static String from(Snapshot x) {
        return (x.version() == null ? "R" : x.version()) + "/" + x.script() + ":" + x.line();
    }

    static String columns(Snapshot x) {
        return x.columns().isEmpty() ? "whole rows" : String.join(", ", x.columns());
    }

    static Map<String, Object> json(Snapshot x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", x.name());
        m.put("createdAt", x.createdAt().toString());
        m.put("runId", x.runId());
        m.put("version", x.version());
        m.put("script", x.script());
        m.put("line", x.line());
        m.put("sourceTable", x.sourceTable());
        m.put("columns", x.columns());
        m.put("rows", x.rows());
        m.put("reason", x.reason());
        return m;
    }
}
