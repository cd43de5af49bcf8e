package dev.godwit.integrity;

import dev.godwit.config.CheckSettings;

import dev.godwit.config.MoneyNames;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The financial schema audit: money stored as float or {@code money}, money {@code numeric} without the
 * configured scale, {@code *_id} columns without a foreign key where the referenced table is obvious, foreign
 * keys whose type differs from the key they reference or that no index supports, tables without a primary
 * key, NOT VALID constraints and INVALID indexes. Reads the catalog only.
 */
public final class SchemaAudit {

    private final CheckSettings settings;
    private final MoneyNames money;
    private final List<String> ownSchemas;

    /** @param ownSchemas Godwit's own schemas (history, snapshots), which are not audited */
    public SchemaAudit(CheckSettings settings, MoneyNames money, List<String> ownSchemas) {
        this.settings = settings;
        this.money = money;
        this.ownSchemas = withSnapshots(ownSchemas);
    }

    /** The ids of the schema checks, in the order they are reported. */
    public static final List<String> CHECKS = CheckSettings.SCHEMA_CHECKS;

    /** Every finding, check by check, of the checks {@code [checks] disable} leaves on. */
    public List<Finding> run(Connection c) throws SQLException {
        UserCatalog cat = new UserCatalog(c, ownSchemas);
        List<SchemaColumns.Column> columns = SchemaColumns.all(cat);
        List<Finding> out = new ArrayList<>(SchemaColumns.money(columns, money, settings.moneyScale()));
        out.addAll(References.find(cat, columns, settings.relations()));
        out.addAll(SchemaObjects.find(cat));
        return out.stream().filter(f -> settings.runs(f.check())).toList();
    }

    /** One result per schema check, for {@code godwit check schema}: passed, failed with its findings, or off. */
    public List<CheckResult> results(Connection c) throws SQLException {
        List<Finding> all = run(c);
        List<CheckResult> out = new ArrayList<>();
        for (String id : CHECKS) {
            if (!settings.runs(id)) {
                out.add(new CheckResult(id, "", CheckResult.Status.SKIPPED, "off ([checks] disable)", List.of()));
                continue;
            }
            List<String> found = all.stream().filter(f -> f.check().equals(id)).map(Finding::describe).toList();
            out.add(new CheckResult(id, "", found.isEmpty() ? CheckResult.Status.PASSED : CheckResult.Status.FAILED,
                    found.isEmpty() ? "none found" : found.size() + " found", found));
        }
        return out;
    }

    /** The findings now, to compare with after a run; never throws (an audit that cannot run says why). */
    public Watch watch(Connection c) {
        try {
            return new Watch(run(c), null);
        } catch (SQLException e) {
            return new Watch(List.of(), "the schema audit could not run before the migrations: " + e.getMessage());
        }
    }

    /** The findings from before a run. */
    public final class Watch {
        private final List<Finding> before;
        private final String error;

        private Watch(List<Finding> before, String error) {
            this.before = before;
            this.error = error;
        }

        /** The findings that are new since {@link #watch}: what the run introduced. Never throws. */
        public AuditResult introduced(Connection c) {
            if (error != null) {
                return AuditResult.failed(error);
            }
            try {
                Set<Finding> old = new HashSet<>(before);
                return new AuditResult(run(c).stream().filter(f -> !old.contains(f)).toList(),
                        java.util.Optional.empty());
            } catch (SQLException e) {
                return AuditResult.failed("the schema audit could not run after the migrations: " + e.getMessage());
            }
        }
    }

    /**
     * Godwit's own objects are never findings: the snapshot schema is always left out, whichever caller forgot it
     * (the health endpoint did, and its copies without primary keys raised a critical alert).
     */
    static List<String> withSnapshots(List<String> ownSchemas) {
        return java.util.stream.Stream.concat(ownSchemas.stream(),
                java.util.stream.Stream.of(dev.godwit.snapshot.Snapshots.DEFAULT_SCHEMA)).distinct().toList();
    }
}
