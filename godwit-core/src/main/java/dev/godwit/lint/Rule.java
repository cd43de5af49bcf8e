package dev.godwit.lint;

import dev.godwit.config.LintSettings;
import dev.godwit.config.MoneyNames;
import dev.godwit.config.Risk;

import dev.godwit.sql.analysis.StatementAnalysis;

/**
 * One hazard Godwit looks for. Each rule is one class in {@code lint/rules}, registered in {@link Rules},
 * with fixtures in {@code src/test/resources/lint/<id>/} and a page {@code docs/rules/<id>.md}.
 */
public interface Rule {

    /** Kebab-case, stable: used in {@code -- godwit:allow}, {@code [lint]} and output. */
    String id();

    /** The risk a finding has unless {@code [lint.risk]} changes it. */
    Risk risk();

    /** One line: the hazard, e.g. "Column added with a volatile default". */
    String title();

    /** Looks at one statement, in its context, and reports what it finds to {@code out}. */
    void check(StatementAnalysis statement, LintContext context, Findings out);
}
