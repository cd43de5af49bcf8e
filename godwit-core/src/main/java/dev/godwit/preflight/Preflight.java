package dev.godwit.preflight;

import dev.godwit.config.PreflightSettings;

import dev.godwit.config.GodwitConfig;
import dev.godwit.integrity.CheckResult;
import dev.godwit.integrity.SchemaAudit;
import dev.godwit.lint.LintReport;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The readiness checks a DBA runs by hand before a change, each PASS, WARN or FAIL with its numbers and
 * threshold ({@code [preflight]}). Read-only: it looks at catalogs, {@code pg_stat_*}, {@code pg_locks} and
 * the backup folder, and takes no lock anyone could queue behind.
 */
public final class Preflight {

    /** The schema checks that say a change is half-done: they warn, they never fail. */
    static final List<String> HALF_DONE = List.of("invalid-index", "not-valid-constraint");

    private final GodwitConfig config;
    private final PreflightSettings s;

    public Preflight(GodwitConfig config, PreflightSettings settings) {
        this.config = config;
        this.s = settings;
    }

    /**
     * @param touches the table locks the pending migrations take (from the linter's analysis)
     * @param lint    the pending migrations' lint, when this run should judge it (migrate's own gate does)
     */
    public PreflightReport run(Connection c, List<Touch> touches, Optional<LintReport> lint) throws SQLException {
        ServerChecks server = new ServerChecks(s);
        BackupChecks backups = new BackupChecks(s, config.backup());
        List<Check> checks = new ArrayList<>();
        checks.add(ServerChecks.connectivity(c));
        checks.add(ReadOnlyTarget.check(c));
        checks.add(server.connections(c));
        checks.add(server.replication(c));
        checks.addAll(server.transactions(c));
        Visibility visibility = Visibility.of(c);
        checks.add(visibility.check());
        checks.add(TableLocks.check(c, touches, s.lockHolderFail(), visibility));
        checks.add(backups.disk(c));
        checks.add(backups.newestBackup(Instant.now()));
        checks.add(WalArchiving.check(c, s));
        lint.ifPresent(l -> checks.add(lint(l, config.lint().gate())));
        checks.add(halfDone(c));
        return new PreflightReport(checks);
    }

    static Check lint(LintReport report, boolean gate) {
        String threshold = "fail at max_risk " + report.maxRisk().word() + (gate ? "" : " (gate off: warn)");
        if (!report.problems().isEmpty()) {
            return new Check("lint", Status.FAIL, report.problems().size() + " directive problem(s)", threshold,
                    report.problems());
        }
        List<String> blocking = report.blocking().stream().map(f -> f.location() + " " + f.risk().word() + " "
                + f.rule() + ": " + f.message()).toList();
        if (!blocking.isEmpty()) {
            return new Check("lint", gate ? Status.FAIL : Status.WARN, blocking.size() + " finding(s) at or above"
                    + " max_risk", threshold, blocking);
        }
        return Check.pass("lint", report.findings().size() + " finding(s), none at or above max_risk", threshold);
    }

    /** INVALID indexes and NOT VALID constraints: work a failed or unfinished change left behind. */
    Check halfDone(Connection c) throws SQLException {
        List<String> found = new ArrayList<>();
        SchemaAudit audit = new SchemaAudit(config.checks(), config.lint().money(), List.of(config.schema()));
        for (CheckResult r : audit.results(c)) {
            if (HALF_DONE.contains(r.check()) && r.failed()) {
                found.addAll(r.details());
            }
        }
        return new Check("invalid-objects", found.isEmpty() ? Status.PASS : Status.WARN, found.size()
                + " INVALID index(es) or NOT VALID constraint(s)", "warn at 1", found);
    }
}
