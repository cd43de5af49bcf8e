package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes the lexer, splitter, directives and placeholders with text built from SQL fragments, random unicode
 * and random bytes read as characters. Whatever the input, the only failure allowed is a SqlSyntaxException
 * with a real position and one of the documented problems, and whatever parses must describe the input exactly.
 * The lexer and the splitter each get at least 10,000 inputs a run, and the splitter 10,000 more built from known
 * statements, which it must give back.
 */
class SqlFuzzTest {

    /** The problems the lexer reports (its class comment and {@link SqlSyntaxException} say why). */
    private static final String LEXER_PROBLEMS = "unterminated (quoted string|quoted identifier|bit string literal"
            + "|hexadecimal string literal|dollar-quoted string \\$[^$]*\\$|/\\* comment) \\(started here\\)"
            + "|zero-length delimited identifier"
            + "|SET LOCAL standard_conforming_strings to off cannot be followed: .*";
    /** ... and the splitter's own: psql meta-commands. */
    private static final String SPLITTER_PROBLEMS = LEXER_PROBLEMS + "|psql meta-command \\\\\\S* is not SQL: .*";
    /** ... and those of directives (each names the directive) and placeholders. */
    private static final String SCRIPT_PROBLEMS = SPLITTER_PROBLEMS
            + "|(unknown directive |'-- )?godwit:.*|placeholder \\$\\{.*"
            + "|'\\(' opened here is never closed: .*|'\\)' without a matching '\\(': .*"
            + "|UPDATE … SET gives column .* two values: .*|INSERT names column .* twice: .*"
            + "|DROP INDEX CONCURRENTLY drops one index per statement .*";

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
            "--godwit:statement-timeout 1h\n", "\uFEFF", "é", "日本", "\uD83D\uDE00",
            "1end", "$1a", "0e", "'x\\'", "SET standard_conforming_strings = off;\n", "RESET ALL;\n",
            "SET standard_conforming_strings TO on;\n");

    /** Fragments that open something (a literal, a comment) or are errors on their own. */
    private static final List<String> OPENERS = List.of(
            "'", "E'", "U&'", "U&\"", "B'", "\"", "\"\"", "$$", "$tag$", "--", "/*", "*/", "\\", "\\set x 1\n",
            "-- godwit:bogus\n", "-- godwit:allow\n", "SET LOCAL standard_conforming_strings = off;");

    @Provide
    Arbitrary<String> sqlish() {
        Arbitrary<String> fragment = Arbitraries.frequencyOf(
                Tuple.of(40, Arbitraries.of(BALANCED)),
                Tuple.of(1, Arbitraries.of(OPENERS)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(4)),
                Tuple.of(1, Arbitraries.chars().range('\u0000', '\u00ff').map(String::valueOf)));
        return fragment.list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    @Property(tries = 10_000)
    void tokensCoverTheInputWithTruePositions(@ForAll("sqlish") String sql) {
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize(sql);
        } catch (SqlSyntaxException e) {
            assertDocumented(sql, e, LEXER_PROBLEMS);
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

    @Property(tries = 10_000)
    void statementsAreExactOrderedSlicesOfTheInput(@ForAll("sqlish") String sql) throws SqlSyntaxException {
        List<SqlStatement> statements;
        try {
            statements = StatementSplitter.split(sql);
        } catch (SqlSyntaxException e) {
            Statistics.label("split").collect("syntax error");
            assertDocumented(sql, e, SPLITTER_PROBLEMS);
            return;
        }
        List<Token> tokens = Lexer.tokenize(sql);
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
            // a statement's tokens are its text but whitespace: each where its offset says, only whitespace between
            for (int k = 0; k < s.tokens().size(); k++) {
                Token t = s.tokens().get(k);
                assertThat(sql.startsWith(t.text(), t.offset())).isTrue();
                int next = k + 1 < s.tokens().size() ? s.tokens().get(k + 1).offset() : s.endOffset();
                assertThat(sql.substring(t.endOffset(), next)).isBlank();
            }
            assertThat(s.summary().length()).isLessThanOrEqualTo(80);
            TransactionRules.whyNotInTransaction(s);
            TransactionRules.isTransactionControl(s);
            assertThat(s.tokens()).isEqualTo(tokensIn(tokens, s.startOffset(), s.endOffset()).stream()
                    .filter(t -> t.type() != TokenType.WHITESPACE).toList());
            // Between two statements there is only a ';' (at least one), whitespace and comments.
            List<Token> gap = tokensIn(tokens, previousEnd, s.startOffset());
            assertThat(gap).allMatch(t -> !t.isSignificant() || t.text().equals(";"));
            if (previousEnd > 0) {
                assertThat(gap).anyMatch(t -> t.text().equals(";"));
            }
            previousEnd = s.endOffset();
        }
        assertThat(tokensIn(tokens, previousEnd, sql.length())).allMatch(t -> !t.isSignificant() || t.text().equals(";"));
    }

    /**
     * Statements that cannot end before their last token (their ';' are inside literals, comments, parentheses or a
     * BEGIN ATOMIC block), joined by ';' and whitespace, comments or empty statements: splitting gives them back,
     * text and position.
     */
    @Property(tries = 10_000)
    void joinedStatementsSplitBackIntoThemselves(@ForAll("statementLists") List<String> statements,
            @ForAll("separatorLists") List<String> separators) throws SqlSyntaxException {
        StringBuilder file = new StringBuilder(separators.get(0));
        List<Integer> starts = new ArrayList<>();
        for (int k = 0; k < statements.size(); k++) {
            starts.add(file.length());
            file.append(statements.get(k));
            boolean last = k == statements.size() - 1;
            if (!last || separators.size() % 2 == 0) { // the last statement needs no ';'
                file.append(';').append(separators.get(1 + k % (separators.size() - 1)));
            }
        }
        String sql = file.toString();
        List<SqlStatement> split = StatementSplitter.split(sql);
        assertThat(split).extracting(SqlStatement::text).containsExactlyElementsOf(statements);
        for (int k = 0; k < split.size(); k++) {
            assertThat(split.get(k).startOffset()).isEqualTo(starts.get(k));
            assertThat(new int[] {split.get(k).line(), split.get(k).column()})
                    .containsExactly(lineAndColumn(sql, starts.get(k)));
        }
    }

    /** Pieces of a statement that never end it; the ';' in them are inside something. */
    private static final List<String> ATOMS = List.of(
            "x", "t", "id", "\"a;b\"", "\"q\"\"r\"", "U&\"d\\0061t\"", "'a;b'", "'it''s;'", "E'c\\';d'", "e'\\\\'",
            "'back\\slash'", "U&'x;y'", "B'10'", "X'1F'", "N'n;'", "$$e;f$$", "$t$g;h$t$", "$1", "${p}", "42",
            "1.5e-3", ".5", "0x1F", "->>", "::", "@>", "+", "=", ",", ".", "[1:2]", "/* c; */", "/* a /* b; */ c */",
            "-- d;\n", "(1; 2)", "(select 'x;' ; (3; 4))", "é", "日本", "\uD83D\uDE00");
    private static final List<String> HEADS = List.of("select", "insert into t values", "update t set x =", "DO",
            "COMMENT ON TABLE t IS", "with a as (select 1;)");
    private static final List<String> ROUTINES = List.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql",
            "create or replace procedure p() language sql", "Create Or Replace Function g(begin int)");
    private static final List<String> BLOCKS = List.of("BEGIN ATOMIC select 1; select 'x;'; END",
            "BEGIN ATOMIC SELECT CASE WHEN a THEN 1 ELSE CASE WHEN b THEN 2 END END; select (3; 4); END",
            "begin atomic end", "begin atomic begin atomic; end; end");
    /** What may follow a statement's ';': nothing, blanks, comments, empty statements. */
    private static final List<String> SEPARATORS = List.of("", " ", "\n", "\r\n", "\t", " -- note;\n", "/* ; */",
            "\n/* x */\n", "; ", ";\n;", "\r");

    @Provide
    Arbitrary<List<String>> statementLists() {
        Arbitrary<List<String>> atoms = Arbitraries.of(ATOMS).list().ofMaxSize(6);
        Arbitrary<String> plain = Combinators.combine(Arbitraries.of(HEADS), atoms)
                .as((head, body) -> head + " " + String.join(" ", body) + " z");
        Arbitrary<String> routine = Combinators.combine(Arbitraries.of(ROUTINES), atoms, Arbitraries.of(BLOCKS), atoms)
                .as((head, before, block, after) -> head + " " + String.join(" ", before) + " " + block + " "
                        + String.join(" ", after) + " z");
        return Arbitraries.oneOf(plain, routine).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<String>> separatorLists() {
        return Arbitraries.of(SEPARATORS).list().ofMinSize(2).ofMaxSize(5);
    }

    private static List<Token> tokensIn(List<Token> tokens, int from, int to) {
        return tokens.stream().filter(t -> t.offset() >= from && t.endOffset() <= to).toList();
    }

    @Property(tries = 2000)
    void scriptsAndPlaceholdersFailOnlyWithSyntaxErrors(@ForAll("sqlish") String sql) {
        try {
            String replaced = Placeholders.replace(sql, Map.of("x", "1"));
            assertThat(replaced).doesNotContain("${x}");
        } catch (SqlSyntaxException e) {
            assertThat(e.problem()).startsWith("placeholder ${");
            assertDocumented(sql, e, SCRIPT_PROBLEMS);
        }
        try {
            SqlScript script = SqlScript.parse(sql);
            for (Allow allow : script.directives().allows()) {
                assertThat(allow.statementIndex()).isBetween(-1, script.statements().size() - 1);
                assertThat(allow.reason()).isNotBlank();
            }
        } catch (SqlSyntaxException e) {
            assertDocumented(sql, e, SCRIPT_PROBLEMS);
        }
    }

    private static void assertDocumented(String sql, SqlSyntaxException e, String problems) {
        assertThat(Pattern.compile(problems, Pattern.DOTALL).matcher(e.problem()).matches())
                .as("a documented problem: %s", e.problem()).isTrue();
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
