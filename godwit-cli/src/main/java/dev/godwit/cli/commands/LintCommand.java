package dev.godwit.cli.commands;

import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
import dev.godwit.cli.Version;
import dev.godwit.cli.lint.FindingJson;
import dev.godwit.cli.lint.FindingText;
import dev.godwit.cli.lint.GithubAnnotations;
import dev.godwit.cli.lint.Sarif;
import dev.godwit.config.GodwitConfig;
import dev.godwit.config.LintSettings;
import dev.godwit.config.Risk;
import dev.godwit.lint.LintInput;
import dev.godwit.lint.LintReport;
import dev.godwit.lint.LintSources;
import dev.godwit.lint.Linter;
import dev.godwit.lint.Rule;
import dev.godwit.lint.SchemaModel;
import dev.godwit.lint.rules.Rules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lint", description = "Check migration files for risky changes — locks, rewrites, scans, data loss,"
        + " money in floats — without a database. Exit 5 when a finding reaches max_risk, 2 on a syntax error.")
public final class LintCommand extends BaseCommand {

    enum Format { text, json, sarif }

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Files or folders to lint (default: the configured migration locations).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json or sarif (SARIF 2.1.0).")
    Format format;

    @Option(names = "--pg-version", paramLabel = "MAJOR",
            description = "The PostgreSQL major the migrations will run on (default: [lint] pg_version, else 15).")
    Integer pgVersion;

    @Option(names = "--max-risk", paramLabel = "RISK",
            description = "The first risk that fails the lint: low, medium, high or critical (default: [lint] max_risk, else high).")
    String maxRisk;

    @Option(names = "--rules", description = "List the rules, with their id, risk and title, and exit.")
    boolean listRules;

    @Override
    public Integer call() {
        Format f = format != null ? format : global().json() ? Format.json : Format.text;
        if (listRules) {
            return rules(f);
        }
        Session s = session();
        LintSettings settings = settings(s.config());
        int version = pgVersion != null ? pgVersion : settings.pgVersion().orElse(LintSettings.DEFAULT_PG_VERSION);
        if (version < 10 || version > 18) {
            throw new CliFailure(ExitCodes.USAGE, "--pg-version must be a PostgreSQL major from 10 to 18, not " + version);
        }
        Linted linted = lint(s.config(), settings, version);
        LintReport report = linted.report();
        if (!report.problems().isEmpty()) {
            throw new CliFailure(ExitCodes.USAGE, String.join("\n", report.problems()));
        }
        print(f, linted);
        return report.blocks() ? ExitCodes.SAFETY_GATE : ExitCodes.OK;
    }

    /** The report and what was read: the files' statements and tokens are garbage once it is made. */
    private record Linted(LintReport report, int files, int statements) {}

    private Linted lint(GodwitConfig config, LintSettings settings, int version) {
        List<LintInput> inputs = inputs(config);
        int statements = inputs.stream().mapToInt(i -> i.script().statements().size()).sum();
        LintReport report = new Linter(settings, Rules.ALL).lint(inputs, SchemaModel.empty(), Linter.Scope.FILE, version);
        return new Linted(report, inputs.size(), statements);
    }

    private LintSettings settings(GodwitConfig config) {
        LintSettings c = config.lint();
        if (maxRisk == null) {
            return c;
        }
        Risk risk = Risk.parse(maxRisk).orElseThrow(() -> new CliFailure(ExitCodes.USAGE,
                "--max-risk must be low, medium, high or critical, not '" + maxRisk + "'"));
        return c.withMaxRisk(risk);
    }

    private List<LintInput> inputs(GodwitConfig config) {
        List<Path> targets = paths.isEmpty() ? config.folders() : paths;
        try {
            return LintSources.read(targets, config.placeholders(), Path.of("").toAbsolutePath());
        } catch (LintSources.Problem e) {
            throw new CliFailure(ExitCodes.USAGE, e.getMessage());
        }
    }

    private void print(Format f, Linted linted) {
        LintReport report = linted.report();
        switch (f) {
            case sarif -> out().result(Sarif.of(report, Rules.ALL, Version.current()));
            case json -> {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("files", linted.files());
                doc.put("statements", linted.statements());
                doc.put("max_risk", report.maxRisk().word());
                doc.put("blocked", report.blocks());
                doc.put("findings", FindingJson.of(report.findings()));
                out().resultItemPerLine(doc);
            }
            default -> {
                FindingText.print(out(), report.findings(), report.maxRisk());
                out().line(linted.files() + " file(s), " + linted.statements() + " statement(s): "
                        + FindingText.summary(report));
            }
        }
        if ("true".equals(System.getenv("GITHUB_ACTIONS"))) {
            // Workflow commands are read from stdout; with JSON or SARIF there, they go to stderr, unread.
            GithubAnnotations.of(report.findings(), report.maxRisk()).forEach(line -> spec.commandLine().getOut()
                    .println(out().safe(line)));
        }
    }

    private int rules(Format f) {
        if (f == Format.text) {
            for (Rule r : Rules.ALL) {
                out().line(String.format("%-38s %-9s %s", r.id(), r.risk().word(), r.title()));
            }
        } else {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Rule r : Rules.ALL) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", r.id());
                m.put("risk", r.risk().word());
                m.put("title", r.title());
                list.add(m);
            }
            out().result(Map.of("rules", list));
        }
        return ExitCodes.OK;
    }
}
