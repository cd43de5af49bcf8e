package dev.godwit.rehearse;

import dev.godwit.config.GodwitConfig;
import dev.godwit.db.ConnectFailure;
import dev.godwit.db.ConnectionSettings;
import dev.godwit.db.Connections;
import dev.godwit.db.ServerInfo;
import dev.godwit.plan.MigrationPreparer;
import dev.godwit.plan.Planner;
import dev.godwit.plan.PreparedMigration;
import dev.godwit.history.HistoryTable;
import dev.godwit.migration.AppliedMigration;
import dev.godwit.migration.MigrationState;
import dev.godwit.migration.StatusEntry;
import dev.godwit.migration.Version;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code godwit rehearse}: runs the pending migrations on a throwaway PostgreSQL, traces each statement's
 * locks, rewrites and catalog changes against the linter's prediction, tests the rollback, and projects the
 * blocking onto the target's table sizes. The target is only read (its history, table sizes, a schema-only
 * dump, sampled rows); nothing is written to it.
 */
public final class Rehearsal {

    /** The starting state: the already-applied migrations run on an empty database, or the target's schema. */
    public enum From { SCRATCH, TARGET }

    /**
     * @param from      empty: the target when it can be reached, else scratch
     * @param shadowUrl a server to create the throwaway database on instead of the embedded one
     * @param pgVersion the major to rehearse on when there is no target to ask
     * @param rows      synthetic rows per table (0: none)
     * @param sample    rows per table to copy from the target (0: none)
     * @param load      concurrent load clients during the trace (0: none)
     */
    public record Options(Optional<From> from, Optional<ConnectionSettings> shadowUrl, Optional<Integer> pgVersion,
                          long rows, int sample, int load, Optional<Version> target) {

        public static Options defaults() {
            return new Options(Optional.empty(), Optional.empty(), Optional.empty(), 0, 0, 0, Optional.empty());
        }
    }

    /** What the command shows while the rehearsal runs. Implementations must not throw. */
    public interface Progress {
        void step(String what);

        /** {@code done} of {@code total} rows written (a progress bar). */
        default void rows(long done, long total) {}
    }

    private final GodwitConfig config;
    private final Progress progress;

    public Rehearsal(GodwitConfig config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    public RehearsalResult run(Options o) throws RehearsalException, InterruptedException, SQLException {
        List<String> notes = new ArrayList<>();
        Target target = Target.read(config, notes);
        From from = o.from().orElse(target.reachable() ? From.TARGET : From.SCRATCH);
        if (from == From.TARGET && !target.reachable()) {
            throw RehearsalException.usage("--from target needs the target database, which cannot be reached: "
                    + target.unreachable() + "; fix the connection, or rehearse --from scratch");
        }
        if (o.sample() > 0 && !target.reachable()) {
            throw RehearsalException.usage("--sample copies rows from the target, which cannot be reached: "
                    + target.unreachable() + "; use --rows for synthetic rows instead");
        }
        int major = target.info().map(ServerInfo::major).or(o::pgVersion).orElse(Shadow.EMBEDDED_MAJOR);
        if (o.shadowUrl().isEmpty() && major != Shadow.EMBEDDED_MAJOR) {
            throw RehearsalException.usage((target.reachable() ? "the target is PostgreSQL " + target.info().get().version()
                    : "--pg-version " + major + " was asked for") + ", but Godwit's embedded server is PostgreSQL "
                    + Shadow.EMBEDDED_MAJOR + " only, and locks differ between majors: pass --shadow-url"
                    + " postgres://USER@HOST/postgres of a PostgreSQL " + major + " server where Godwit may create"
                    + " and drop a database");
        }
        Planner.Planned planned = Planner.plan(config, target.history(), o.target(), List.of());
        if (!planned.valid()) {
            return new RehearsalResult("", from.name().toLowerCase(java.util.Locale.ROOT), major, notes,
                    planned.problems(), List.of(), RollbackCheck.skipped("not run"), 0, List.of());
        }
        progress.step(o.shadowUrl().isPresent() ? "creating a database on " + o.shadowUrl().get().display()
                : "starting an embedded PostgreSQL " + Shadow.EMBEDDED_MAJOR);
        try (Shadow shadow = open(o)) {
            if (shadow.info().major() != major) {
                notes.add("the rehearsal server is PostgreSQL " + shadow.info().version() + ", the target "
                        + major + ": locks and rewrites can differ between majors");
            }
            return new Session(config, progress, o, target, planned, shadow, major, from, notes).run();
        } catch (IOException e) {
            throw new RehearsalException("the rehearsal server: " + e.getMessage());
        } catch (ConnectFailure e) {
            throw new RehearsalException("cannot reach the rehearsal server: " + e.getMessage());
        }
    }

    private static Shadow open(Options o) throws IOException, SQLException, ConnectFailure {
        return o.shadowUrl().isPresent() ? Shadow.on(o.shadowUrl().get()) : Shadow.embedded();
    }

    /** What the rehearsal reads from the target, when it can reach it. */
    record Target(Optional<ServerInfo> info, List<AppliedMigration> history, String unreachable,
                  java.util.Map<String, Long> rows) {

        boolean reachable() {
            return info.isPresent();
        }

        static Target read(GodwitConfig config, List<String> notes) throws SQLException {
            try (Connection c = Connections.open(config.connection())) {
                HistoryTable table = new HistoryTable(config.schema());
                List<AppliedMigration> history = table.exists(c) ? table.read(c) : List.of();
                return new Target(Optional.of(ServerInfo.of(c)), history, "", estimatedRows(c));
            } catch (ConnectFailure e) {
                notes.add("the target " + config.connection().display() + " cannot be reached (" + e.getMessage()
                        + "): rehearsing every migration from an empty database, with no projection");
                return new Target(Optional.empty(), List.of(), e.getMessage(), java.util.Map.of());
            }
        }

        /**
         * {@code pg_class.reltuples} per table, as {@code public.accounts}: the planner's estimate, no scan;
         * tables never vacuumed or analysed (-1) have none.
         */
        private static java.util.Map<String, Long> estimatedRows(Connection c) throws SQLException {
            java.util.Map<String, Long> out = new java.util.HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select n.nspname || '.' || c.relname,"
                    + " c.reltuples::bigint from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                    + " where c.relkind in ('r', 'p', 'm') and c.reltuples >= 0")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        }
    }

    /** One rehearsal on its throwaway database. */
    private static final class Session {
        private final GodwitConfig config;
        private final Progress progress;
        private final Options o;
        private final Target target;
        private final Planner.Planned planned;
        private final Shadow shadow;
        private final int major;
        private final From from;
        private final List<String> notes;

        Session(GodwitConfig config, Progress progress, Options o, Target target, Planner.Planned planned,
                Shadow shadow, int major, From from, List<String> notes) {
            this.config = config;
            this.progress = progress;
            this.o = o;
            this.target = target;
            this.planned = planned;
            this.shadow = shadow;
            this.major = major;
            this.from = from;
            this.notes = notes;
        }

        RehearsalResult run() throws ConnectFailure, SQLException, RehearsalException, InterruptedException {
            try (Connection c = shadow.connect(); Connection observer = shadow.connect()) {
                startingState(c);
                data(c);
                SchemaState before = SchemaState.read(c, config.schema());
                Map<String, Long> shadowRows = RowCounts.exact(c, config.schema());
                List<MigrationTrace> traces = new ArrayList<>();
                Clock clock = new Clock();
                int pid = pid(c);
                List<PreparedMigration> done = new ArrayList<>();
                List<LoadPoint> points = List.of();
                List<LockSampler.Sample> samples;
                try (LockSampler sampler = new LockSampler(observer, pid, clock);
                     LoadGenerator load = startLoad(c, clock)) {
                    sampler.start(10);
                    Tracer tracer = new Tracer(c, sampler, clock, config.schema(), major);
                    for (PreparedMigration m : planned.prepared()) {
                        progress.step("tracing " + m.script().script());
                        MigrationTrace t = tracer.run(m);
                        traces.add(t.with(t.statements(), Projection.of(t, target.rows(), shadowRows)));
                        if (t.failure().isPresent()) {
                            break;
                        }
                        done.add(m);
                    }
                    if (o.load() > 0) {
                        points = load.stop();
                    }
                    samples = sampler.all();
                }
                if (o.load() > 0) {
                    traces = withLoad(traces, points, samples);
                }
                long traceMs = clock.ms();
                RollbackCheck rollback = rollback(c, before, traces, done);
                return new RehearsalResult(shadow.describe(), from.name().toLowerCase(java.util.Locale.ROOT), major,
                        notes, List.of(), traces, rollback, traceMs, points);
            }
        }

        /** C clients on the tables the pending migrations touch, once they are connected. */
        private LoadGenerator startLoad(Connection c, Clock clock) throws SQLException, ConnectFailure,
                InterruptedException {
            if (o.load() == 0) {
                return null;
            }
            List<String[]> tables = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (PreparedMigration m : planned.prepared()) {
                for (PreparedMigration.Runnable r : m.statements()) {
                    for (var l : dev.godwit.sql.analysis.Analyzer.analyze(r.source()).locks(major)) {
                        try (java.sql.PreparedStatement ps = c.prepareStatement("select n.nspname, c.relname from"
                                + " pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = to_regclass(?)"
                                + " and c.relkind in ('r', 'p')")) {
                            ps.setString(1, l.relation().schema().map(x -> "\"" + x + "\".").orElse("")
                                    + "\"" + l.relation().name() + "\"");
                            try (ResultSet rs = ps.executeQuery()) {
                                if (rs.next() && seen.add(rs.getString(1) + "." + rs.getString(2))) {
                                    tables.add(new String[] {rs.getString(1), rs.getString(2)});
                                }
                            }
                        }
                    }
                }
            }
            if (tables.isEmpty()) {
                notes.add("--load: the pending migrations touch no existing table, so no load was run");
            } else {
                progress.step("starting " + o.load() + " load client(s) on " + tables.size() + " table(s)");
            }
            LoadGenerator g = LoadGenerator.start(shadow.database(), tables, o.load(), clock);
            Thread.sleep(200); // the clients are connected and running before the first statement
            return g;
        }

        /** Each statement's window runs to the next statement's start (the last one's to its migration's end). */
        private static List<MigrationTrace> withLoad(List<MigrationTrace> traces, List<LoadPoint> points,
                                                     List<LockSampler.Sample> samples) {
            List<MigrationTrace> out = new ArrayList<>();
            for (MigrationTrace m : traces) {
                List<StatementTrace> st = new ArrayList<>();
                for (int i = 0; i < m.statements().size(); i++) {
                    StatementTrace s = m.statements().get(i);
                    long to = i + 1 < m.statements().size() ? m.statements().get(i + 1).startMs() : m.endMs();
                    st.add(s.withLoad(LoadGenerator.stats(points, samples, s.startMs(), to)));
                }
                out.add(m.with(st, m.projections()));
            }
            return out;
        }

        private RollbackCheck rollback(Connection c, SchemaState before, List<MigrationTrace> traces,
                                       List<PreparedMigration> done) throws SQLException {
            if (traces.isEmpty()) {
                return RollbackCheck.skipped("nothing pending");
            }
            if (done.size() < traces.size()) {
                return RollbackCheck.skipped("a migration failed, so the rollback was not tested");
            }
            progress.step("testing the rollback");
            return RollbackTest.run(c, config.schema(), before, done, planned.files(),
                    new MigrationPreparer(config.placeholders(), config.migrate()));
        }

        private void startingState(Connection c) throws SQLException, RehearsalException, InterruptedException {
            if (from == From.TARGET) {
                progress.step("copying the target's schema (pg_dump --schema-only)");
                ServerInfo info = target.info().get();
                SchemaCopy.copy(config.backup().pgBinDir(), config.connection(), info.major(), info.version(),
                        shadow.database());
                copyHistory(c);
                return;
            }
            MigrationPreparer preparer = new MigrationPreparer(config.placeholders(), config.migrate());
            for (StatusEntry e : planned.plan().entries()) {
                if (e.state() == MigrationState.BASELINE) {
                    notes.add("the target was baselined: --from scratch cannot rebuild what came before "
                            + e.script() + "; rehearse --from target");
                }
                if (e.state() != MigrationState.APPLIED || e.file().isEmpty()) {
                    continue;
                }
                progress.step("applying " + e.file().get().script() + " (already applied on the target)");
                MigrationPreparer.Result r = preparer.prepare(e.file().get());
                if (r.migration().isEmpty()) {
                    throw new RehearsalException(String.join("; ", r.problems()));
                }
                Optional<String> failed = Runner.run(c, r.migration().get());
                if (failed.isPresent()) {
                    throw new RehearsalException("--from scratch: an applied migration fails on an empty database: "
                            + failed.get() + "; rehearse --from target");
                }
            }
        }

        private void data(Connection c) throws SQLException {
            DataGenerator g = new DataGenerator(c, config.schema(), progress);
            if (o.rows() > 0) {
                progress.step("generating " + o.rows() + " rows per table");
                notes.addAll(g.fill(o.rows()));
            } else if (o.sample() > 0) {
                progress.step("copying up to " + o.sample() + " rows per table from the target");
                try (Connection t = Connections.open(config.connection())) {
                    notes.addAll(g.sample(t, o.sample()));
                } catch (ConnectFailure e) {
                    throw new SQLException("the target could no longer be reached: " + e.getMessage(), e);
                }
            }
        }

        /** The target's history rows, so the rehearsal database says what the target says. */
        private void copyHistory(Connection c) throws SQLException {
            try (Connection t = Connections.open(config.connection())) {
                HistoryTable h = new HistoryTable(config.schema());
                if (h.exists(t) && h.exists(c)) {
                    RowCopy.copy(t, c, config.schema(), "history", -1);
                }
            } catch (ConnectFailure e) {
                throw new SQLException("the target could no longer be reached: " + e.getMessage(), e);
            }
        }

        private static int pid(Connection c) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
