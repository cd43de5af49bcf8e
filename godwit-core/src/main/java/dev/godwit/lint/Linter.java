package dev.godwit.lint;

import dev.godwit.config.LintSettings;
import dev.godwit.config.MoneyNames;
import dev.godwit.config.Risk;

import dev.godwit.config.Suggestions;
import dev.godwit.sql.Allow;
import dev.godwit.sql.SqlStatement;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.Analyzer;
import dev.godwit.sql.analysis.StatementAnalysis;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs the rules over files in the order they would be applied, each statement in the context of what came
 * before it. Findings a file allows ({@code -- godwit:allow <rule> because <reason>}) are kept, marked
 * allowed, so that reports show what was accepted and why.
 */
public final class Linter {

    /** What counts as "created earlier in this run", making a table new and its locks harmless. */
    public enum Scope {
        /** Each file is its own run: tables from earlier files already exist (linting files on their own). */
        FILE,
        /** The files are one run: tables created by an earlier file are still empty (the pending migrations). */
        RUN
    }

    private final LintSettings settings;
    private final List<Rule> catalogue;
    private final List<Rule> rules;

    /** Runs the rules of {@code catalogue} that {@code [lint] disable} does not name. */
    public Linter(LintSettings settings, List<Rule> catalogue) {
        this.settings = settings;
        this.catalogue = List.copyOf(catalogue);
        this.rules = catalogue.stream().filter(r -> !settings.disabled().contains(r.id())).toList();
    }

    public LintReport lint(List<LintInput> inputs, SchemaModel schema, Scope scope, int pgVersion) {
        List<FileLint> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (LintInput in : inputs) {
            if (scope == Scope.FILE) {
                schema.forgetNewness();
            }
            problems.addAll(unknownAllows(in));
            files.add(lintFile(in, schema, pgVersion));
        }
        return new LintReport(files, settings.maxRisk(), problems);
    }

    private FileLint lintFile(LintInput in, SchemaModel schema, int pgVersion) {
        List<StatementAnalysis> analysed = new ArrayList<>();
        for (SqlStatement s : in.script().statements()) {
            analysed.add(Analyzer.analyze(s));
        }
        // Rules see views of this list (never copies: copying the earlier statements for every statement made a
        // long file quadratic), so it is read-only from here on.
        analysed = Collections.unmodifiableList(analysed);
        List<Finding> findings = new ArrayList<>();
        int transactionStart = 0; // the statements since the last BEGIN / COMMIT are the open transaction's
        boolean explicit = false;
        for (int i = 0; i < analysed.size(); i++) {
            StatementAnalysis a = analysed.get(i);
            LintContext ctx = new LintContext(pgVersion, settings.money(), schema, in.file(), in.transactional(),
                    explicit, in.transactional() || explicit ? analysed.subList(transactionStart, i) : List.of(),
                    analysed.subList(0, i), analysed.subList(i + 1, analysed.size()));
            Findings out = new Findings(in.file(), a, settings.riskOverrides());
            for (Rule r : rules) {
                r.check(a, ctx, out);
            }
            findings.addAll(allowed(out.all(), in, i));
            schema.apply(a);
            for (Action.TransactionControl tc : a.of(Action.TransactionControl.class)) {
                if (tc.begins() || tc.ends()) {
                    explicit = tc.begins();
                    transactionStart = i + 1;
                }
            }
        }
        return new FileLint(in.file(), findings);
    }

    /** Marks the findings a directive allows: one before the statement, or one at the top of the file. */
    private static List<Finding> allowed(List<Finding> found, LintInput in, int statementIndex) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : found) {
            Finding marked = f;
            for (Allow a : in.script().directives().allows()) {
                if (a.ruleId().equals(f.rule()) && (a.statementIndex() == statementIndex || a.statementIndex() < 0)) {
                    marked = f.allow(a.reason());
                    break;
                }
            }
            out.add(marked);
        }
        return out;
    }

    private List<String> unknownAllows(LintInput in) {
        List<String> problems = new ArrayList<>();
        List<String> ids = catalogue.stream().map(Rule::id).toList();
        for (Allow a : in.script().directives().allows()) {
            if (!ids.contains(a.ruleId())) {
                problems.add(in.file() + ":" + a.line() + ": -- godwit:allow names no rule '" + a.ruleId() + "';"
                        + Suggestions.didYouMean(a.ruleId(), ids) + " `godwit lint --rules` lists them");
            }
        }
        return problems;
    }
}
