package dev.godwit.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.sql.SqlScript;
import dev.godwit.sql.analysis.TypeName;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the expand gate refuses, from the analyser's facts, and what it lets through. */
class ExpandGateTest {

    private static List<Finding> gate(String sql) throws Exception {
        SchemaModel catalog = SchemaModel.empty();
        catalog.existing(dev.godwit.sql.analysis.Relation.of("t"), Map.of(
                "id", TypeName.parse("bigint").orElseThrow(),
                "amount", TypeName.parse("integer").orElseThrow(),
                "note", TypeName.parse("varchar(20)").orElseThrow(),
                "price", TypeName.parse("numeric(10,2)").orElseThrow()), Set.of("id"), List.of("id"), List.of());
        List<ExpandGate.Input> files = List.of(new ExpandGate.Input(LintInput.of("V2__x.sql", SqlScript.parse(sql)), true));
        return ExpandGate.check(files, catalog).stream().flatMap(f -> f.findings().stream()).toList();
    }

    @Test
    void refusesWhatTheOldVersionCannotLiveWith() throws Exception {
        assertThat(gate("alter table t drop column note;")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("drops column t.note"));
        assertThat(gate("drop table t;")).hasSize(1);
        assertThat(gate("alter table t rename column note to memo;")).hasSize(1);
        assertThat(gate("alter table t rename to u;")).hasSize(1);
        assertThat(gate("alter table t add column owner text not null;")).hasSize(1);
        assertThat(gate("alter table t alter column note set not null;")).hasSize(1);
        assertThat(gate("alter table t add constraint pos check (amount > 0) not valid;")).hasSize(1);
        assertThat(gate("alter table t alter column amount type smallint;")).hasSize(1);
        assertThat(gate("alter table t alter column note type varchar(10);")).hasSize(1);
        assertThat(gate("alter table t alter column price type numeric(12,1);")).hasSize(1);
        assertThat(gate("alter table t alter column amount type bigint using amount * 2;")).hasSize(1);
        assertThat(gate("alter table t alter column note type integer using note::integer;")).hasSize(1);
    }

    @Test
    void letsBackwardCompatibleChangesThrough() throws Exception {
        assertThat(gate("alter table t add column owner text;")).isEmpty();
        assertThat(gate("alter table t add column owner text not null default 'x';")).isEmpty();
        assertThat(gate("alter table t alter column amount type bigint;")).isEmpty();
        assertThat(gate("alter table t alter column note type varchar(40);")).isEmpty();
        assertThat(gate("alter table t alter column note type text;")).isEmpty();
        assertThat(gate("alter table t alter column price type numeric(14,4);")).isEmpty();
        assertThat(gate("alter table t alter column price type numeric;")).isEmpty();
        assertThat(gate("alter table t alter column amount drop not null;")).isEmpty();
        assertThat(gate("create index concurrently t_note on t (note);")).isEmpty();
    }

    @Test
    void tablesAndColumnsOfThisRunAreNew() throws Exception {
        assertThat(gate("create table n (id bigint);\nalter table n add column x text not null;\ndrop table n;"))
                .isEmpty();
        assertThat(gate("alter table t add column x text;\nalter table t rename column x to y;")).isEmpty();
    }

    @Test
    void eachFindingIsCriticalAndCarriesTheContractRecipe() throws Exception {
        Finding f = gate("alter table t rename column note to memo;").get(0);
        assertThat(f.rule()).isEqualTo(ExpandGate.ID);
        assertThat(f.risk()).isEqualTo(dev.godwit.config.Risk.CRITICAL);
        assertThat(f.safeAlternative()).contains("ADD COLUMN memo").contains("-- godwit:batch")
                .contains("-- godwit:phase contract").contains("DROP COLUMN note");
        assertThat(f.location()).isEqualTo("V2__x.sql:1:1");
    }
}
