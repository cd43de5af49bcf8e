package dev.godwit.sql;

import dev.godwit.base.Durations;
import dev.godwit.config.ChangeRange;
import dev.godwit.config.Expectation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code -- godwit:<name> ...} directives from the line comments the lexer found, so that the same text
 * inside a string or a dollar-quoted body is never taken for a directive. A comment that says {@code godwit:}
 * is a promise to Godwit, so anything Godwit cannot read in it is an error rather than silently ignored.
 */
final class Directives {

    static final List<String> KNOWN = List.of(
            "no-transaction", "lock-timeout", "statement-timeout", "allow", "invariant", "expect-change", "batch",
            "phase");

    /** "--godwit:x" and "-- godwit: x"; not "-- Godwit:" nor "-- godwit :", which read as prose. */
    private static final Pattern DIRECTIVE = Pattern.compile("--[ \\t]*godwit:[ \\t]*(\\S*)[ \\t]*(.*)");
    private static final Pattern ALLOW = Pattern.compile("(\\S+)\\s+(?i:because)(?:\\s+(.*))?");
    private static final Pattern TWO_PARTS = Pattern.compile("(\\S+)\\s+(.+)");

    private final List<SqlStatement> statements;
    private boolean noTransaction;
    private int noTransactionLine;
    private Optional<Duration> lockTimeout = Optional.empty();
    private int lockTimeoutLine;
    private Optional<Duration> statementTimeout = Optional.empty();
    private int statementTimeoutLine;
    private final List<Allow> allows = new ArrayList<>();
    private final List<InvariantDirective> invariants = new ArrayList<>();
    private final List<ExpectChange> expectChanges = new ArrayList<>();
    private Optional<BatchDirective> batch = Optional.empty();
    private Optional<Phase> phase = Optional.empty();
    private int phaseLine;

    private Directives(List<SqlStatement> statements) {
        this.statements = statements;
    }

    static FileDirectives read(List<Token> tokens, List<SqlStatement> statements) throws SqlSyntaxException {
        Directives d = new Directives(statements);
        for (Token t : tokens) {
            if (t.type() == TokenType.LINE_COMMENT) {
                Matcher m = DIRECTIVE.matcher(t.text());
                if (m.matches()) {
                    d.apply(t, m.group(1), m.group(2).strip());
                }
            }
        }
        return new FileDirectives(d.noTransaction, d.lockTimeout, d.statementTimeout,
                d.allows, d.invariants, d.expectChanges, d.batch, d.phase);
    }

    private void apply(Token at, String name, String args) throws SqlSyntaxException {
        switch (name) {
            case "no-transaction" -> {
                atTop(at, name);
                if (!args.isEmpty()) {
                    throw error(at, "godwit:no-transaction takes nothing after it, but has '" + args + "'");
                }
                once(at, name, noTransactionLine);
                noTransaction = true;
                noTransactionLine = at.line();
            }
            case "lock-timeout" -> {
                atTop(at, name);
                once(at, name, lockTimeoutLine);
                lockTimeout = Optional.of(duration(at, name, args));
                lockTimeoutLine = at.line();
            }
            case "statement-timeout" -> {
                atTop(at, name);
                once(at, name, statementTimeoutLine);
                statementTimeout = Optional.of(duration(at, name, args));
                statementTimeoutLine = at.line();
            }
            case "allow" -> allows.add(allow(at, args));
            case "invariant" -> invariants.add(invariant(at, args));
            case "expect-change" -> expectChanges.add(expectChange(at, args));
            case "batch" -> {
                atTop(at, name);
                once(at, name, batch.map(BatchDirective::line).orElse(0));
                batch = Optional.of(BatchArgs.read(at, args));
            }
            case "phase" -> {
                atTop(at, name);
                once(at, name, phaseLine);
                phase = Optional.of(Phase.parse(args).orElseThrow(() -> error(at,
                        "godwit:phase takes expand or contract, not '" + args + "'")));
                phaseLine = at.line();
            }
            default -> throw error(at, unknown(name));
        }
    }

    private Allow allow(Token at, String args) throws SqlSyntaxException {
        Matcher m = ALLOW.matcher(args);
        if (!m.matches() || m.group(2) == null || m.group(2).isBlank()) {
            throw error(at, "godwit:allow needs a rule id and a reason, as in "
                    + "'-- godwit:allow <rule-id> because <reason>'" + (args.isEmpty() ? "" : ", not '" + args + "'"));
        }
        return new Allow(m.group(1), m.group(2).strip(), at.line(), statementAfter(at));
    }

    /** The statement an allow applies to: -1 before the first; else the one it is in, or the next one. */
    private int statementAfter(Token at) throws SqlSyntaxException {
        if (statements.isEmpty() || at.offset() < statements.get(0).startOffset()) {
            return -1;
        }
        for (int k = 0; k < statements.size(); k++) {
            if (statements.get(k).endOffset() > at.offset()) {
                return k;
            }
        }
        throw error(at, "godwit:allow after the last statement applies to nothing; put it just before the"
                + " statement it allows, or at the top of the file to allow the rule for the whole file");
    }

    private static InvariantDirective invariant(Token at, String args) throws SqlSyntaxException {
        Matcher m = TWO_PARTS.matcher(args);
        int colon = m.matches() ? expectationEnd(m.group(2)) : -1;
        String expectation = colon < 0 ? "" : m.group(2).substring(0, colon).strip();
        String sql = colon < 0 ? "" : m.group(2).substring(colon + 1).strip();
        if (expectation.isEmpty() || sql.isEmpty()) {
            throw error(at, "godwit:invariant needs a name, an expectation and a query, as in "
                    + "'-- godwit:invariant <name> <expectation>: <sql>'" + (args.isEmpty() ? "" : ", not '" + args + "'"));
        }
        if (Expectation.parse(expectation).isEmpty()) {
            throw error(at, "godwit:invariant " + m.group(1) + " expects '" + expectation + "', which is not one of "
                    + Expectation.WORDS);
        }
        return new InvariantDirective(m.group(1), expectation, sql, at.line());
    }

    /** The colon that ends the expectation: after its first word when that ends in one ({@code equals:0:}). */
    private static int expectationEnd(String rest) {
        String word = rest.split("\\s", 2)[0];
        return word.endsWith(":") ? word.length() - 1 : rest.indexOf(':');
    }

    private static ExpectChange expectChange(Token at, String args) throws SqlSyntaxException {
        Matcher m = TWO_PARTS.matcher(args);
        if (!m.matches()) {
            throw error(at, "godwit:expect-change needs a target and a range, as in "
                    + "'-- godwit:expect-change <target> <range>'" + (args.isEmpty() ? "" : ", not '" + args + "'"));
        }
        if (ChangeRange.parse(m.group(2)).isEmpty()) {
            throw error(at, "godwit:expect-change " + m.group(1) + " needs " + ChangeRange.FORMS + ", not '"
                    + m.group(2).strip() + "'");
        }
        return new ExpectChange(m.group(1), m.group(2).strip(), at.line());
    }

    private static Duration duration(Token at, String name, String args) throws SqlSyntaxException {
        Optional<Duration> d = Durations.parse(args);
        if (d.isEmpty()) {
            throw error(at, Durations.expected("godwit:" + name, args));
        }
        return d.get();
    }

    /** File-level settings apply to how the whole file runs, so they must be read before any of it runs. */
    private void atTop(Token at, String name) throws SqlSyntaxException {
        if (!statements.isEmpty() && at.offset() >= statements.get(0).startOffset()) {
            throw error(at, "godwit:" + name + " must be at the top of the file, before the first statement"
                    + " (line " + statements.get(0).line() + ")");
        }
    }

    private static void once(Token at, String name, int firstLine) throws SqlSyntaxException {
        if (firstLine > 0) {
            throw error(at, "godwit:" + name + " is given twice (first on line " + firstLine + ")");
        }
    }

    static String unknown(String name) {
        String known = "known directives are " + String.join(", ", KNOWN);
        if (name.isEmpty()) {
            return "'-- godwit:' needs a directive name; " + known;
        }
        String nearest = dev.godwit.base.Suggestions.closest(name, KNOWN).orElse(null);
        return "unknown directive godwit:" + name + (nearest == null ? "" : " (did you mean " + nearest + "?)")
                + "; " + known;
    }

    static SqlSyntaxException error(Token at, String problem) {
        return new SqlSyntaxException(at.line(), at.column(), problem);
    }
}
