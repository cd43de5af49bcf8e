package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes the lexer, splitter, directives and placeholders with text built from SQL fragments, random unicode
 * and random bytes read as characters. Whatever the input, the only failure allowed is a SqlSyntaxException
 * with a real position, and whatever parses must describe the input exactly.
 */
class SqlFuzzTest {

    /** Fragments that leave the lexer in its normal state: most of every input, so that much of it parses. */
    private static final List<String> BALANCED = List.of(
            "select", "SELECT", "CREATE", "create", "OR", "REPLACE", "FUNCTION", "PROCEDURE", "BEGIN", "ATOMIC",
            "CASE", "WHEN", "THEN", "END", "INDEX", "CONCURRENTLY", "VACUUM", "CLUSTER", "DATABASE", "COMMIT",
            " ", " ", "\n", "\r\n", "\r", "\t", ";", ";", ";", "(", ")", "[", "]", ",", ".", ":", "::", "..",
            "''", "'a;b'", "'it''s'", "e'\\''", "E'\\\\'", "U&'x'", "U&\"y\"", "X'1F'", "b'0'", "N'n'",
            "\"q;\"", "$", "$$x;y$$", "$tag$a;b$tag$", "$1", "$12", "${x}", "${y}", "${", "}",
            "-- c\n", "/* a; */", "/* a /* b */ c */", "1", "1.5e10", ".5", "0x1F", "1_000", "1..2",
            "->>", "<=", "!=", "=-", "@-", "+", "-", "*", "/", "%",
            "-- godwit:no-transaction\n", "-- godwit:lock-timeout 5s\n", "-- godwit:allow r because why\n",
            "-- godwit:invariant n unchanged: select 1\n", "-- godwit:expect-change t +1\n",
            "--godwit:statement-timeout 1h\n", "\uFEFF", "é", "日本", "\uD83D\uDE00");

    /** Fragments that open something (a literal, a comment) or are errors on their own. */
    private static final List<String> OPENERS = List.of(
            "'", "E'", "U&'", "U&\"", "B'", "\"", "\"\"", "$$", "$tag$", "--", "/*", "*/", "\\", "\\set x 1\n",
            "-- godwit:bogus\n", "-- godwit:allow\n");

    @Provide
    Arbitrary<String> sqlish() {
        Arbitrary<String> fragment = Arbitraries.frequencyOf(
                Tuple.of(40, Arbitraries.of(BALANCED)),
                Tuple.of(1, Arbitraries.of(OPENERS)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(4)),
                Tuple.of(1, Arbitraries.chars().range('\u0000', '\u00ff').map(String::valueOf)));
        return fragment.list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    @Property(tries = 4000)
    void tokensCoverTheInputWithTruePositions(@ForAll("sqlish") String sql) {
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize(sql);
        } catch (SqlSyntaxException e) {
            assertPositionIsInside(sql, e);
            return;
        }
        assertThat(tokens.stream().map(Token::text).collect(Collectors.joining())).isEqualTo(sql);
        int offset = 0;
        for (Token t : tokens) {
            assertThat(t.offset()).isEqualTo(offset);
            assertThat(t.text()).isNotEmpty();
            assertThat(new int[] {t.line(), t.column()}).containsExactly(lineAndColumn(sql, t.offset()));
            offset = t.endOffset();
        }
    }

    @Property(tries = 4000)
    void statementsAreExactOrderedSlicesOfTheInput(@ForAll("sqlish") String sql) {
        List<SqlStatement> statements;
        try {
            statements = StatementSplitter.split(sql);
        } catch (SqlSyntaxException e) {
            Statistics.label("split").collect("syntax error");
            assertPositionIsInside(sql, e);
            return;
        }
        // Shown in the jqwik report: the fuzzing is only worth something if many inputs parse.
        Statistics.label("split").collect(statements.size() > 1 ? "several statements" : "0-1 statements");
        int previousEnd = 0;
        for (SqlStatement s : statements) {
            assertThat(s.startOffset()).isGreaterThanOrEqualTo(previousEnd);
            assertThat(s.endOffset()).isGreaterThan(s.startOffset());
            assertThat(s.text()).isEqualTo(sql.substring(s.startOffset(), s.endOffset()));
            assertThat(new int[] {s.line(), s.column()}).containsExactly(lineAndColumn(sql, s.startOffset()));
            assertThat(s.tokens().get(0).isSignificant()).isTrue();
            assertThat(s.tokens().get(s.tokens().size() - 1).isSignificant()).isTrue();
            assertThat(s.tokens().stream().map(Token::text).collect(Collectors.joining())).isEqualTo(s.text());
            assertThat(s.summary().length()).isLessThanOrEqualTo(80);
            TransactionRules.whyNotInTransaction(s);
            TransactionRules.isTransactionControl(s);
            previousEnd = s.endOffset();
        }
    }

    @Property(tries = 2000)
    void scriptsAndPlaceholdersFailOnlyWithSyntaxErrors(@ForAll("sqlish") String sql) {
        try {
            String replaced = Placeholders.replace(sql, Map.of("x", "1"));
            assertThat(replaced).doesNotContain("${x}");
        } catch (SqlSyntaxException e) {
            assertThat(e.problem()).startsWith("placeholder ${");
            assertPositionIsInside(sql, e);
        }
        try {
            SqlScript script = SqlScript.parse(sql);
            for (Allow allow : script.directives().allows()) {
                assertThat(allow.statementIndex()).isBetween(-1, script.statements().size() - 1);
                assertThat(allow.reason()).isNotBlank();
            }
        } catch (SqlSyntaxException e) {
            assertPositionIsInside(sql, e);
        }
    }

    private static void assertPositionIsInside(String sql, SqlSyntaxException e) {
        assertThat(e.line()).isBetween(1, lineAndColumn(sql, sql.length())[0]);
        assertThat(e.column()).isPositive();
        assertThat(e.getMessage()).isEqualTo("line " + e.line() + ":" + e.column() + ": " + e.problem());
    }

    /** Line and column computed the slow, obvious way, to check the fast one. */
    private static int[] lineAndColumn(String sql, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            char c = sql.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= sql.length() || sql.charAt(i + 1) != '\n'))) {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
