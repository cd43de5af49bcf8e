package dev.godwit.cli.commands;

import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Output;
import dev.godwit.cli.Session;
import dev.godwit.cli.Tables;
import dev.godwit.config.GodwitConfig;
import dev.godwit.integrity.CheckResult;
import dev.godwit.integrity.DataChecks;
import dev.godwit.integrity.SchemaAudit;
import dev.godwit.snapshot.Snapshots;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "check", description = "Audit the schema for how it keeps money (float or unscaled money columns,"
        + " missing or mistyped foreign keys, unindexed foreign keys, tables without a primary key, NOT VALID"
        + " constraints, INVALID indexes) and check the data (orphans, duplicate natural keys, negative values,"
        + " the configured invariants). Read-only. Exit 6 when a check fails.")
public final class CheckCommand extends BaseCommand {

    /** A failed check shows this many of its findings in text (JSON has them all). */
    private static final int SHOWN = 10;

    /** A word, not {@code --schema}: every command already takes {@code --schema NAME} (Godwit's own schema). */
    @Parameters(arity = "0..1", paramLabel = "schema|data", description = "Only the financial schema audit"
            + " (schema), or only the data checks (data, which read whole tables). Both when left out.")
    String part;

    @Override
    public Integer call() throws SQLException {
        Session s = session();
        GodwitConfig config = s.config();
        List<String> own = List.of(config.schema(), Snapshots.DEFAULT_SCHEMA);
        if (part != null && !part.equals("schema") && !part.equals("data")) {
            throw new CliFailure(ExitCodes.USAGE, "godwit check takes `schema` or `data` (or nothing for both), not '"
                    + part + "'");
        }
        boolean schema = "schema".equals(part);
        boolean data = "data".equals(part);
        boolean both = part == null;
        List<CheckResult> results = s.godwit().check(both ? dev.godwit.api.Godwit.CheckPart.BOTH
                : schema ? dev.godwit.api.Godwit.CheckPart.SCHEMA : dev.godwit.api.Godwit.CheckPart.DATA);
        long failed = results.stream().filter(CheckResult::failed).count();
        if (out().json()) {
            out().result(json(s, results, failed));
        } else {
            text(s, out(), results, failed);
        }
        return failed > 0 ? ExitCodes.INTEGRITY : ExitCodes.OK;
    }

    private static void text(Session s, Output o, List<CheckResult> results, long failed) {
        o.line(o.bold("Checks of") + " " + s.config().connection().display());
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("check", "subject", "result", "summary"));
        for (CheckResult r : results) {
            rows.add(List.of(r.check(), r.subject(), word(o, r.status()), r.summary()));
        }
        Tables.print(o, rows);
        for (CheckResult r : results) {
            if (r.failed() && !r.details().isEmpty()) {
                o.line("");
                o.line(o.bold(r.check()) + (r.subject().isEmpty() ? "" : " " + r.subject()) + ":");
                r.details().stream().limit(SHOWN).forEach(d -> o.line("  " + d));
                if (r.details().size() > SHOWN) {
                    o.line("  … and " + (r.details().size() - SHOWN) + " more (--json lists them all)");
                }
            }
        }
        o.line("");
        o.line(failed == 0 ? o.green("All checks passed") + " (" + results.size() + ")."
                : o.red(failed + " of " + results.size() + " check(s) failed") + ".");
    }

    private static String word(Output o, CheckResult.Status s) {
        return switch (s) {
            case PASSED -> o.green("pass");
            case FAILED -> o.red("FAIL");
            case SKIPPED -> o.yellow("skip");
        };
    }

    private static Map<String, Object> json(Session s, List<CheckResult> results, long failed) {
        Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
        List<Map<String, Object>> checks = new ArrayList<>();
        for (CheckResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", r.check());
            m.put("subject", r.subject());
            m.put("result", r.status().name().toLowerCase(java.util.Locale.ROOT));
            m.put("summary", r.summary());
            m.put("details", r.details());
            checks.add(m);
        }
        doc.put("checks", checks);
        doc.put("failed", failed);
        doc.put("passed", results.stream().filter(r -> r.status() == CheckResult.Status.PASSED).count());
        return doc;
    }
}
