package dev.godwit.lint.rules;

import dev.godwit.config.Risk;
import dev.godwit.lint.Findings;
import dev.godwit.lint.LintContext;
import dev.godwit.lint.Rule;
import dev.godwit.sql.analysis.StatementAnalysis;

/**
 * A rule reporting one finding at another risk than its default (an old type Godwit does not know is
 * medium, a known rewrite high). The id stays the rule's, so {@code -- godwit:allow} and {@code [lint.risk]}
 * (which replaces every level of the rule) work as for any finding. Never registered: it only carries a level.
 */
record Graded(Rule rule, Risk risk) implements Rule {

    static Rule at(Rule rule, Risk risk) {
        return risk == rule.risk() ? rule : new Graded(rule, risk);
    }

    @Override
    public String id() {
        return rule.id();
    }

    @Override
    public String title() {
        return rule.title();
    }

    @Override
    public void check(StatementAnalysis statement, LintContext context, Findings out) {
        throw new UnsupportedOperationException("a risk level of " + rule.id() + ", not a rule to run");
    }
}
