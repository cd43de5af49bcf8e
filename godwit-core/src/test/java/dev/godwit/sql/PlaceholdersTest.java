package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    @Test
    void replacesEverywhereIncludingStringsAndComments() throws SqlSyntaxException {
        String text = "-- for ${schema}\nCREATE TABLE ${schema}.t (a text DEFAULT '${schema}'); SELECT $$${owner}$$;";
        assertThat(Placeholders.replace(text, Map.of("schema", "app", "owner", "ana")))
                .isEqualTo("-- for app\nCREATE TABLE app.t (a text DEFAULT 'app'); SELECT $$ana$$;");
    }

    @Test
    void flywayStyleNamesAndValuesAreNotRescanned() throws SqlSyntaxException {
        assertThat(Placeholders.replace("${flyway:defaultSchema}.${a.b-c}", Map.of(
                "flyway:defaultSchema", "public", "a.b-c", "${flyway:defaultSchema}")))
                .isEqualTo("public.${flyway:defaultSchema}");
    }

    @Test
    void textThatIsNotAPlaceholderIsKept() throws SqlSyntaxException {
        String text = "SELECT $1, ${, ${}, ${ x }, $${, $$ $$, '{a}' ${";
        assertThat(Placeholders.replace(text, Map.of())).isEqualTo(text);
        assertThat(Placeholders.replace("", Map.of())).isEmpty();
    }

    @Test
    void undefinedPlaceholderIsAnErrorAtItsPosition() {
        assertThatThrownBy(() -> Placeholders.replace("select 1;\r\n  select ${schema}.t, ${other}", Map.of("schema", "s")))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(23);
                    assertThat(e.problem()).isEqualTo(
                            "placeholder ${other} is not defined; define it under [placeholders] in godwit.toml");
                });
    }

    @Test
    void lexerSeesPlaceholdersAsTokens() throws SqlSyntaxException {
        assertThat(Lexer.tokenize("${a}.t").get(0)).isEqualTo(new Token(TokenType.PLACEHOLDER, "${a}", 0, 1, 1));
    }
}
