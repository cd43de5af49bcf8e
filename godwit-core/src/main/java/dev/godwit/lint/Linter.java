package dev.godwit.lint;

import dev.godwit.config.LintSettings;
import dev.godwit.config.MoneyNames;
import dev.godwit.config.Risk;

import dev.godwit.base.Suggestions;
import dev.godwit.sql.Allow;
import dev.godwit.sql.SqlStatement;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.Analyzer;
import dev.godwit.sql.analysis.StatementAnalysis;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

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
    private final List<String> ids;
    private final List<Rule> rules;
    private final int threads;

    /** Runs the rules of {@code catalogue} that {@code [lint] disable} does not name. */
    public Linter(LintSettings settings, List<Rule> catalogue) {
        this(settings, catalogue, ForkJoinPool.getCommonPoolParallelism() + 1);
    }

    /** @param threads how many ranges of files (each its own run) are linted at once */
    Linter(LintSettings settings, List<Rule> catalogue, int threads) {
        this.threads = threads;
        this.settings = settings;
        this.ids = catalogue.stream().map(Rule::id).toList();
        this.rules = catalogue.stream().filter(r -> !settings.disabled().contains(r.id())).toList();
    }

    public LintReport lint(List<LintInput> inputs, SchemaModel schema, Scope scope, int pgVersion) {
        List<String> problems = new ArrayList<>();
        inputs.forEach(in -> problems.addAll(unknownAllows(in)));
        // What each statement is and does depends on it alone: worked out on every core.
        List<List<StatementAnalysis>> analysed = inputs.parallelStream().map(Linter::analyse).toList();
        int parts = scope == Scope.FILE ? Math.min(inputs.size(), threads) : 1;
        List<Undoes> undoes = Undoes.of(inputs, analysed);
        List<FileLint> files = parts > 1 ? inParts(inputs, analysed, undoes, schema, parts, pgVersion)
                : lintRange(inputs, analysed, undoes, 0, inputs.size(), schema, scope, pgVersion);
        return new LintReport(files, settings.maxRisk(), problems);
    }

    private static List<StatementAnalysis> analyse(LintInput in) {
        List<StatementAnalysis> analysed = new ArrayList<>();
        for (SqlStatement s : in.script().statements()) {
            analysed.add(Analyzer.analyze(s));
        }
        // Rules see views of this list (never copies: copying the earlier statements for every statement made a
        // long file quadratic), so it is read-only.
        return Collections.unmodifiableList(analysed);
    }

    /**
     * Files linted each as its own run, in {@code parts} ranges of about as many statements at once: a range
     * starts from the schema as the files before it leave it, which this thread works out by applying their
     * statements (no rules: a tenth of the work) before it lints the last range itself.
     */
    private List<FileLint> inParts(List<LintInput> inputs, List<List<StatementAnalysis>> analysed,
            List<Undoes> undoes, SchemaModel schema, int parts, int pgVersion) {
        int[] bounds = bounds(analysed, parts);
        SchemaModel walker = schema.copy();
        List<CompletableFuture<List<FileLint>>> started = new ArrayList<>();
        for (int p = 0; p < parts - 1; p++) {
            SchemaModel from = p == 0 ? schema : walker.copy();
            int first = bounds[p];
            int last = bounds[p + 1];
            started.add(CompletableFuture.supplyAsync(
                    () -> lintRange(inputs, analysed, undoes, first, last, from, Scope.FILE, pgVersion)));
            for (int i = first; i < last; i++) {
                walker.forgetNewness();
                analysed.get(i).forEach(walker::apply);
            }
        }
        List<FileLint> lastPart = lintRange(inputs, analysed, undoes, bounds[parts - 1], inputs.size(), walker, Scope.FILE,
                pgVersion);
        List<FileLint> files = new ArrayList<>();
        started.forEach(f -> files.addAll(f.join()));
        files.addAll(lastPart);
        return files;
    }

    /**
     * What walking a range (applying its statements to the schema, no rules) costs against linting it: about a
     * tenth (JFR, the 100,000-statement corpus). Range p starts once this thread has walked the ranges before it.
     */
    private static final double WALK = 0.1;

    /**
     * Where each of {@code parts} ranges of files starts, so that all end together: range p starts after the walk
     * of the ranges before it, so each range gets (1 - WALK) times the statements of the one before it.
     */
    static int[] bounds(List<? extends List<?>> analysed, int parts) {
        long total = analysed.stream().mapToLong(List::size).sum();
        double[] ends = new double[parts]; // the share of all statements before the end of each range
        double size = 1;
        double sum = 0;
        for (int p = 0; p < parts; p++) {
            sum += size;
            ends[p] = sum;
            size *= 1 - WALK;
        }
        int[] bounds = new int[parts];
        long seen = 0;
        int p = 1;
        for (int i = 0; i < analysed.size() && p < parts; i++) {
            seen += analysed.get(i).size();
            if (seen * sum >= total * ends[p - 1]) {
                bounds[p++] = i + 1;
            }
        }
        for (; p < parts; p++) {
            bounds[p] = analysed.size();
        }
        return bounds;
    }

    private List<FileLint> lintRange(List<LintInput> inputs, List<List<StatementAnalysis>> analysed,
            List<Undoes> undoes, int first, int last, SchemaModel schema, Scope scope, int pgVersion) {
        List<FileLint> files = new ArrayList<>();
        for (int i = first; i < last; i++) {
            if (scope == Scope.FILE) {
                schema.forgetNewness();
            }
            files.add(lintFile(inputs.get(i), analysed.get(i), undoes.get(i), schema, pgVersion));
        }
        return files;
    }

    /** Findings about one long transaction over every row, which a {@code -- godwit:batch} file does not have. */
    private static final java.util.Set<String> BATCHED_AWAY = java.util.Set.of("dml-without-where");

    private FileLint lintFile(LintInput in, List<StatementAnalysis> analysed, Undoes undoes, SchemaModel schema,
            int pgVersion) {
        List<Finding> findings = new ArrayList<>();
        int transactionStart = 0; // the statements since the last BEGIN / COMMIT are the open transaction's
        boolean explicit = false;
        LockRegions regions = new LockRegions();
        for (int i = 0; i < analysed.size(); i++) {
            StatementAnalysis a = analysed.get(i);
            LintContext ctx = new LintContext(pgVersion, settings.money(), settings.relaxed(), schema, in.file(),
                    in.transactional(), explicit,
                    in.transactional() || explicit ? analysed.subList(transactionStart, i) : List.of(),
                    analysed.subList(0, i), analysed.subList(i + 1, analysed.size()), undoes,
                    in.script().directives().expectChanges());
            Findings out = new Findings(in.file(), a, settings.riskOverrides());
            for (Rule r : rules) {
                r.check(a, ctx, out);
            }
            if (!out.all().isEmpty()) { // most statements find nothing: no lists to make for them
                List<Finding> graded = settings.gradeBySize()
                        ? out.all().stream().map(f -> SizeGrade.graded(f, schema)).toList() : out.all();
                if (in.script().directives().batch().isPresent()) {
                    // -- godwit:batch is the remedy these rules ask for: the statement runs in short batches
                    graded = graded.stream().filter(f -> !BATCHED_AWAY.contains(f.rule())).toList();
                }
                for (Finding f : allowed(graded, in, i)) {
                    if (regions.add(f, transactionStart, findings.size())) {
                        findings.add(f);
                    }
                }
            }
            schema.apply(a);
            for (Action.TransactionControl tc : a.of(Action.TransactionControl.class)) {
                if (tc.begins() || tc.ends()) {
                    explicit = tc.begins();
                    transactionStart = i + 1;
                }
            }
        }
        return new FileLint(in.file(), regions.merged(findings));
    }

    /** Marks the findings a directive allows: one before the statement, or one at the top of the file. */
    private static List<Finding> allowed(List<Finding> found, LintInput in, int statementIndex) {
        if (found.isEmpty()) {
            return found; // most statements: no list to make
        }
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
        for (Allow a : in.script().directives().allows()) {
            if (!ids.contains(a.ruleId())) {
                problems.add(in.file() + ":" + a.line() + ": -- godwit:allow names no rule '" + a.ruleId() + "';"
                        + Suggestions.didYouMean(a.ruleId(), ids) + " `godwit lint --rules` lists them");
            }
        }
        return problems;
    }
}
