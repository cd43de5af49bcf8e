package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The in-use check's reading of pg_stat_statements' query texts: names by the lexer, not by a regex. */
class QueryReferencesTest {

    private static QueryReferences q(String sql) {
        return QueryReferences.of(sql).orElseThrow();
    }

    @Test
    void namesTablesAndColumnsAsTokens() {
        assertThat(q("select nickname from accounts where id = $1").names("accounts", "nickname")).isTrue();
        assertThat(q("SELECT \"nickname\" FROM public.ACCOUNTS").names("accounts", "nickname")).isTrue();
        assertThat(q("update accounts set alias = $1 where id = $2").names("accounts", "nickname")).isFalse();
    }

    @Test
    void aNameInAStringOrACommentIsNotAUse() {
        assertThat(q("select id from accounts where note = 'nickname' /* nickname */").names("accounts", "nickname"))
                .isFalse();
        assertThat(q("select $$accounts$$").names("accounts")).isFalse();
    }

    @Test
    void onlyDataStatementsCount() {
        assertThat(q("select 1").readsOrWritesData()).isTrue();
        assertThat(q("with x as (select 1) select * from x").readsOrWritesData()).isTrue();
        assertThat(q("alter table accounts drop column nickname").readsOrWritesData()).isFalse();
    }

    @Test
    void aStatementIsKnownByItsWordsWhateverItsConstants() {
        assertThat(q("update accounts set alias = nickname where id > 5").words())
                .isEqualTo(q("update accounts set alias = nickname where id > $1").words());
    }

    @Test
    void aPhaseDirectiveIsReadOnceAtTheTop() throws Exception {
        assertThat(SqlScript.parse("-- godwit:phase contract\ndrop table t;").directives().phase())
                .contains(Phase.CONTRACT);
        assertThat(SqlScript.parse("drop table t;").directives().phaseOrDefault()).isEqualTo(Phase.EXPAND);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqlScript.parse("drop table t;\n-- godwit:phase expand\n"))
                .hasMessageContaining("must be at the top");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqlScript.parse(
                "-- godwit:phase expand\n-- godwit:phase contract\nselect 1;")).hasMessageContaining("given twice");
    }
}
