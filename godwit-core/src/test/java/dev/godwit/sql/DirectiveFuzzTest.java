package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes the directive parser with file headers made of directives: known names with valid, odd and broken
 * arguments, misspelled names, spacing variants, random text, followed by statements. The only failure allowed
 * is a {@link SqlSyntaxException} at a real line of the file that names the directive (or the lexer's own
 * problems); whatever parses must agree with the header (a lock-timeout directive gives a lock timeout, ...).
 */
class DirectiveFuzzTest {

    private static final List<String> NAMES = List.of("no-transaction", "lock-timeout", "statement-timeout", "allow",
            "invariant", "expect-change", "no-transactoin", "lock_timeout", "Allow", "", "bogus", "invariant:",
            "expect-changes", "statement-timeout:");
    private static final List<String> ARGS = List.of("", "5s", "500ms", "1h", "1m30s", "0", "-5s", "soon", "5 s", "1d",
            "99999999999999999999h", "require-concurrent-index because the table is empty",
            "require-concurrent-index BECAUSE", "because", "rule because", "rule because x y z",
            "balances unchanged: select sum(amount) from ledger", "n zero: select 1", "n no_rows:", "n: select 1",
            "n equals:5: select 5", "n sometimes: select 1", "ledger.rows +0..+100", "ledger.rows -5..0",
            "ledger.rows +10", "ledger.rows +1..", "ledger.rows +0..+10%", "ledger.amount any", "ledger.* any",
            "ledger_balances -0.01..+0.01", "ledger.rows lots", "ledger.rows +5..+1", "ledger.rows ..", "x",
            "'quoted'", "$$", "/* c */", "\u00e9\u65e5", "\t5s\t", "5s extra");
    private static final List<String> PREFIXES = List.of("-- godwit:", "--godwit:", "-- godwit: ", "--\tgodwit:",
            "-- Godwit:", "-- godwit :", "--  godwit:");
    private static final List<String> BODIES = List.of("select 1;", "create table t (id int);",
            "create index concurrently i on t (id);", "insert into ledger values (1);", "", "/* only a comment */",
            "select 'a;b'; select 2;", "-- trailing\n");

    @Provide
    Arbitrary<String> files() {
        Arbitrary<String> directive = Combinators.combine(Arbitraries.of(PREFIXES), Arbitraries.of(NAMES),
                Arbitraries.of(ARGS)).as((p, n, a) -> p + n + (a.isEmpty() ? "" : " " + a));
        Arbitrary<String> line = Arbitraries.frequencyOf(
                Tuple.of(12, directive),
                Tuple.of(2, Arbitraries.of(BODIES)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(12)),
                Tuple.of(1, Arbitraries.of("-- a comment", "", "   ", "\r")));
        return line.list().ofMaxSize(8).map(lines -> String.join("\n", lines) + "\n");
    }

    @Property(tries = 5_000)
    void directivesParseOrFailWithTheirNameAndLine(@ForAll("files") String file) {
        SqlScript script;
        try {
            script = SqlScript.parse(file);
        } catch (SqlSyntaxException e) {
            Statistics.label("directives").collect("refused");
            assertThat(e.line()).isBetween(1, (int) file.chars().filter(c -> c == '\n' || c == '\r').count() + 1);
            assertThat(e.column()).isPositive();
            assertThat(e.problem()).isNotBlank().doesNotContain("Exception");
            return;
        }
        Statistics.label("directives").collect("parsed");
        FileDirectives d = script.directives();
        script.directives().lockTimeout().ifPresent(t -> assertThat(t.isNegative()).isFalse());
        script.directives().statementTimeout().ifPresent(t -> assertThat(t.isNegative()).isFalse());
        if (d.lockTimeout().isPresent()) {
            assertThat(file).contains("lock-timeout");
        }
        if (d.noTransaction()) {
            assertThat(file).contains("no-transaction");
        }
        d.allows().forEach(a -> assertThat(a.reason()).isNotBlank());
        assertThat(d.invariants().size()).isLessThanOrEqualTo(countOf(file, "invariant"));
        assertThat(d.expectChanges().size()).isLessThanOrEqualTo(countOf(file, "expect-change"));
    }

    private static int countOf(String text, String word) {
        return text.split(java.util.regex.Pattern.quote(word), -1).length - 1;
    }
}
