package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LexerTest {

    /** The tokens of {@code sql} but whitespace, rendered as TYPE:text for compact assertions. */
    private static List<String> lex(String sql) throws SqlSyntaxException {
        return Lexer.tokenize(sql).stream()
                .filter(t -> t.type() != TokenType.WHITESPACE)
                .map(t -> t.type() + ":" + t.text())
                .collect(Collectors.toList());
    }

    /** The whole of {@code sql} must be one token of the given type. */
    @ParameterizedTest(name = "{0} is one {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "'it''s'                        | STRING",
            "''                             | STRING",
            "'a;b -- c /* d'                | STRING",
            "'back\\slash'                  | STRING",
            "E'it\\'s'                      | STRING",
            "e'\\\\'                        | STRING",
            "E'a''b\\n'                     | STRING",
            "U&'d\\0061t'                   | STRING",
            "u&'x'                          | STRING",
            "B'1010'                        | STRING",
            "b'1'                           | STRING",
            "X'1F'                          | STRING",
            "x'ff'                          | STRING",
            "N'national'                    | STRING",
            "~\"Quoted \"\"name\"\";\"~     | QUOTED_IDENTIFIER",
            "U&\"d\\0061t\"                 | QUOTED_IDENTIFIER",
            "$$a; 'b' \"c\" -- d$$          | DOLLAR_STRING",
            "$body$ $$ $bod$ ; $body$       | DOLLAR_STRING",
            "$_1$x$_1$                      | DOLLAR_STRING",
            "$é$x$é$                        | DOLLAR_STRING",
            "$1                             | PARAMETER",
            "$12                            | PARAMETER",
            "${schema}                      | PLACEHOLDER",
            "${flyway:defaultSchema}        | PLACEHOLDER",
            "-- a comment; 'x'              | LINE_COMMENT",
            "/* a; */                       | BLOCK_COMMENT",
            "/* outer /* inner; */ still */ | BLOCK_COMMENT",
            "/*/ x */                       | BLOCK_COMMENT",
            "42                             | NUMBER",
            "1.5e10                         | NUMBER",
            "1.5E-3                         | NUMBER",
            ".5                             | NUMBER",
            "5.                             | NUMBER",
            "0x1F                           | NUMBER",
            "0o17                           | NUMBER",
            "0b101                          | NUMBER",
            "1_000_000                      | NUMBER",
            "::                             | OPERATOR",
            "->>                            | OPERATOR",
            "<=                             | OPERATOR",
            "!=                             | OPERATOR",
            "<>                             | OPERATOR",
            "@>                             | OPERATOR",
            ":=                             | OPERATOR",
            "\\set x 1                      | PSQL_META",
            "select                         | IDENTIFIER",
            "a$b                            | IDENTIFIER",
            "_x1                            | IDENTIFIER",
            "ünïcødé                        | IDENTIFIER",
            "extra                          | IDENTIFIER",
            "xylophone                      | IDENTIFIER",
    })
    void recognisesEachTokenForm(String sql, TokenType type) throws SqlSyntaxException {
        List<Token> tokens = Lexer.tokenize(sql);
        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0).type()).isEqualTo(type);
        assertThat(tokens.get(0).text()).isEqualTo(sql);
    }

    @Test
    void punctuationIsOneCharacterEach() throws SqlSyntaxException {
        assertThat(lex("( ) , [ ] . ; :")).containsExactly("PUNCTUATION:(", "PUNCTUATION:)", "PUNCTUATION:,",
                "PUNCTUATION:[", "PUNCTUATION:]", "PUNCTUATION:.", "PUNCTUATION:;", "PUNCTUATION::");
    }

    @Test
    void castsAndArraySlices() throws SqlSyntaxException {
        assertThat(lex("x::int[1:2]")).containsExactly("IDENTIFIER:x", "OPERATOR:::", "IDENTIFIER:int",
                "PUNCTUATION:[", "NUMBER:1", "PUNCTUATION::", "NUMBER:2", "PUNCTUATION:]");
    }

    @Test
    void operatorsFollowPostgresRulesForTrailingSignsAndComments() throws SqlSyntaxException {
        // "=-" is "=" then "-1", as in PostgreSQL; "@-" keeps its sign because of the '@'.
        assertThat(lex("a=-1")).containsExactly("IDENTIFIER:a", "OPERATOR:=", "OPERATOR:-", "NUMBER:1");
        assertThat(lex("a @- b")).containsExactly("IDENTIFIER:a", "OPERATOR:@-", "IDENTIFIER:b");
        assertThat(lex("a*/*c*/b")).containsExactly("IDENTIFIER:a", "OPERATOR:*", "BLOCK_COMMENT:/*c*/", "IDENTIFIER:b");
        assertThat(lex("a<--c\nb")).containsExactly("IDENTIFIER:a", "OPERATOR:<", "LINE_COMMENT:--c", "IDENTIFIER:b");
    }

    @Test
    void prefixesOnlyMakeLiteralsAtTheStartOfAWord() throws SqlSyntaxException {
        assertThat(lex("name'x'")).containsExactly("IDENTIFIER:name", "STRING:'x'");
        assertThat(lex("E 'x'")).containsExactly("IDENTIFIER:E", "STRING:'x'");
        assertThat(lex("U&x")).containsExactly("IDENTIFIER:U", "OPERATOR:&", "IDENTIFIER:x");
    }

    @Test
    void backslashEscapesOnlyInEscapeStrings() throws SqlSyntaxException {
        // Standard strings: the backslash is a plain character, so 'a\' ends at its second quote.
        assertThat(lex("'a\\' , 'b'")).containsExactly("STRING:'a\\'", "PUNCTUATION:,", "STRING:'b'");
        assertThat(lex("E'a\\' , b'")).containsExactly("STRING:E'a\\' , b'");
    }

    @Test
    void adjacentStringsAreTwoTokens() throws SqlSyntaxException {
        assertThat(lex("'a'\n'b'")).containsExactly("STRING:'a'", "STRING:'b'");
    }

    @Test
    void uescapeIsReadAsTheWordAndStringPostgresSees() throws SqlSyntaxException {
        assertThat(lex("U&\"d!0061t\" UESCAPE '!'"))
                .containsExactly("QUOTED_IDENTIFIER:U&\"d!0061t\"", "IDENTIFIER:UESCAPE", "STRING:'!'");
    }

    @Test
    void dollarQuoteTagsFollowPostgresRules() throws SqlSyntaxException {
        // A tag cannot start with a digit: "$1$" is parameter $1 then a lone '$'.
        assertThat(lex("$1$")).containsExactly("PARAMETER:$1", "OPERATOR:$");
        // The body ends at the first exact closing tag, even when it looks like another tag's start.
        assertThat(lex("$a$ $ab$ $a$ x")).containsExactly("DOLLAR_STRING:$a$ $ab$ $a$", "IDENTIFIER:x");
        // Tags are case-sensitive.
        assertThat(lex("$A$ $a$ $A$")).containsExactly("DOLLAR_STRING:$A$ $a$ $A$");
        assertThat(lex("$ x")).containsExactly("OPERATOR:$", "IDENTIFIER:x");
    }

    @Test
    void numbersStopWherePostgresDoes() throws SqlSyntaxException {
        assertThat(lex("1..10")).containsExactly("NUMBER:1", "OPERATOR:..", "NUMBER:10");
        assertThat(lex("t.5")).containsExactly("IDENTIFIER:t", "NUMBER:.5");
        assertThat(lex("1e+x")).containsExactly("NUMBER:1", "IDENTIFIER:e", "OPERATOR:+", "IDENTIFIER:x");
    }

    @Test
    void lettersGluedToANumberOrParameterAreItsTrailingJunk() throws SqlSyntaxException {
        // PostgreSQL 15+ rejects "1end" as trailing junk, and psql does not read the "end" in it as a word.
        assertThat(lex("1end 1e 0xg 1.5e3x 5.e $1a")).containsExactly(
                "NUMBER:1end", "NUMBER:1e", "NUMBER:0xg", "NUMBER:1.5e3x", "NUMBER:5.e", "PARAMETER:$1a");
        // So "0e'...'" is junk then a standard string, not an escape string: the string ends after the backslash.
        assertThat(lex("0e'\\' , 1")).containsExactly("NUMBER:0e", "STRING:'\\'", "PUNCTUATION:,", "NUMBER:1");
    }

    @Test
    void stringsOnSeparateLinesStayApartAsInPsql() throws SqlSyntaxException {
        // The server would continue E'x' on the next line (so \' would be a quote); psql reads one line at a time
        // and sees a standard string there, which ends after the backslash.
        assertThat(lex("E'x'\n'\\' ;")).containsExactly("STRING:E'x'", "STRING:'\\'", "PUNCTUATION:;");
    }

    @Test
    void backslashesFollowStandardConformingStringsFromTheNextLineOn() throws SqlSyntaxException {
        String sql = """
                SET standard_conforming_strings = off; select 'same line: standard\\';
                select 'off: \\'; still inside', N'\\'', B'1''\\'';
                SET standard_conforming_strings TO 'on';
                select 'on: \\';
                """;
        assertThat(strings(sql)).containsExactly("'same line: standard\\'", "'off: \\'; still inside'",
                "N'\\''", "B'1''\\''", "'on'", "'on: \\'");
    }

    @Test
    void everyWayToSetStandardConformingStringsIsFollowed() throws SqlSyntaxException {
        for (String off : List.of("SET standard_conforming_strings = off", "set SESSION standard_conforming_strings TO of",
                "SET \"standard_conforming_strings\" = 'false'", "SET standard_conforming_strings = 0",
                "SET standard_conforming_strings TO n")) {
            assertThat(strings(off + ";\nselect 'a\\'b';")).as(off).endsWith("'a\\'b'");
            for (String on : List.of("RESET standard_conforming_strings", "RESET ALL", "DISCARD ALL",
                    "SET standard_conforming_strings TO DEFAULT", "SET standard_conforming_strings = yes")) {
                assertThat(strings(off + ";\n" + on + ";\nselect 'a\\';")).as(on).endsWith("'a\\'");
            }
        }
        // Statements the server would reject change nothing.
        for (String invalid : List.of("SET standard_conforming_strings = o", "SET standard_conforming_strings = off, on",
                "SET standard_conforming_strings off", "SET LOCAL standard_conforming_strings = on",
                "SET search_path = off", "SELECT 'SET standard_conforming_strings = off'")) {
            assertThat(strings(invalid + ";\nselect 'a\\';")).as(invalid).endsWith("'a\\'");
        }
    }

    @Test
    void setLocalStandardConformingStringsOffIsRefused() {
        assertThatThrownBy(() -> Lexer.tokenize("select 1;\n  SET LOCAL standard_conforming_strings = off;\n"))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(3);
                    assertThat(e.problem()).startsWith("SET LOCAL standard_conforming_strings to off cannot be followed");
                });
    }

    private static List<String> strings(String sql) throws SqlSyntaxException {
        return Lexer.tokenize(sql).stream().filter(t -> t.type() == TokenType.STRING).map(Token::text).toList();
    }

    @Test
    void metaCommandRunsToEndOfLineOnly() throws SqlSyntaxException {
        assertThat(lex("select 1 \\gset\nselect 2"))
                .containsExactly("IDENTIFIER:select", "NUMBER:1", "PSQL_META:\\gset", "IDENTIFIER:select", "NUMBER:2");
    }

    @Test
    void tokensCoverTheInputExactly() throws SqlSyntaxException {
        String sql = "\uFEFFselect /*c*/ 'a' -- x\r\n  , $$b$$;";
        List<Token> tokens = Lexer.tokenize(sql);
        assertThat(tokens.stream().map(Token::text).collect(Collectors.joining())).isEqualTo(sql);
        assertThat(tokens.get(0)).isEqualTo(new Token(TokenType.WHITESPACE, "\uFEFF", 0, 1, 1));
        assertThat(tokens.get(1)).isEqualTo(new Token(TokenType.IDENTIFIER, "select", 1, 1, 2));
    }

    @Test
    void linesAndColumnsWithLfCrLfAndCr() throws SqlSyntaxException {
        List<Token> tokens = Lexer.tokenize("a\nbb\r\n  c\rd").stream().filter(Token::isSignificant).toList();
        assertThat(tokens).extracting(Token::text, Token::line, Token::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", 1, 1),
                org.assertj.core.groups.Tuple.tuple("bb", 2, 1),
                org.assertj.core.groups.Tuple.tuple("c", 3, 3),
                org.assertj.core.groups.Tuple.tuple("d", 4, 1));
    }

    @Test
    void tokenAfterMultiLineLiteralHasRightPosition() throws SqlSyntaxException {
        List<Token> tokens = Lexer.tokenize("x = $$one\r\ntwo\nthree$$ + 'a\nb' /* c\n */ y");
        Token y = tokens.get(tokens.size() - 1);
        assertThat(y.text()).isEqualTo("y");
        assertThat(y.line()).isEqualTo(5);
        assertThat(y.column()).isEqualTo(5);
    }

    @Test
    void wordHelpers() throws SqlSyntaxException {
        Token select = Lexer.tokenize("Select").get(0);
        assertThat(select.isWord("SELECT")).isTrue();
        assertThat(select.isWord("SELECTS")).isFalse();
        assertThat(Lexer.tokenize("\"SELECT\"").get(0).isWord("SELECT")).isFalse();
        assertThat(Lexer.tokenize("  ").get(0).isSignificant()).isFalse();
        assertThat(Lexer.tokenize("--x").get(0).isSignificant()).isFalse();
        assertThat(Lexer.tokenize("/**/").get(0).isSignificant()).isFalse();
        assertThat(Lexer.tokenize("''").get(0).isSignificant()).isTrue();
    }

    @Test
    void emptyInputHasNoTokens() throws SqlSyntaxException {
        assertThat(Lexer.tokenize("")).isEmpty();
    }

    static Stream<Arguments> unterminated() {
        return Stream.of(
                Arguments.of("select 1;\n  'abc", 2, 3, "unterminated quoted string (started here)"),
                Arguments.of("select E'abc\\'", 1, 8, "unterminated quoted string (started here)"),
                Arguments.of("x;\nselect U&'abc", 2, 8, "unterminated quoted string (started here)"),
                Arguments.of("select N'abc", 1, 8, "unterminated quoted string (started here)"),
                Arguments.of("select B'10", 1, 8, "unterminated bit string literal (started here)"),
                Arguments.of("select X'1F", 1, 8, "unterminated hexadecimal string literal (started here)"),
                Arguments.of("select \"abc", 1, 8, "unterminated quoted identifier (started here)"),
                Arguments.of("select U&\"abc", 1, 8, "unterminated quoted identifier (started here)"),
                Arguments.of("do\n\n   $body$ begin $body", 3, 4,
                        "unterminated dollar-quoted string $body$ (started here)"),
                Arguments.of("do $$ x $ $", 1, 4, "unterminated dollar-quoted string $$ (started here)"),
                Arguments.of("a /* b /* c */ d", 1, 3, "unterminated /* comment (started here)"),
                Arguments.of("select \"\" from t", 1, 8, "zero-length delimited identifier"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unterminated")
    void unterminatedTokensAreReportedWhereTheyStart(String sql, int line, int column, String problem) {
        assertThatThrownBy(() -> Lexer.tokenize(sql))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.getMessage()).isEqualTo("line " + line + ":" + column + ": " + problem);
                });
    }

    @Test
    void unterminatedStringPositionCountsCrLfAsOneLineBreak() {
        assertThatThrownBy(() -> Lexer.tokenize("a;\r\nb;\r\n  'x"))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo(3);
                });
    }
}
