package dev.godwit.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.sql.analysis.Relation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndexTablesTest {

    private final IndexTables ix = new IndexTables();

    @Test
    void renamingATableMovesItsIndexesOnlyAndASchemaMustMatchWhenBothNameOne() {
        ix.put("ledger_account", Relation.of("ledger"));
        ix.put("billing_ledger_day", new Relation(Optional.of("billing"), "ledger"));
        ix.put("audit_ledger_day", new Relation(Optional.of("audit"), "ledger"));
        ix.put("payments_day", Relation.of("payments"));

        ix.moveTable(new Relation(Optional.of("billing"), "ledger"), Relation.of("ledger_old"));

        assertThat(ix.get("ledger_account")).contains(Relation.of("ledger_old")); // no schema: matches any
        assertThat(ix.get("billing_ledger_day")).contains(Relation.of("ledger_old"));
        assertThat(ix.get("audit_ledger_day")).contains(new Relation(Optional.of("audit"), "ledger"));
        assertThat(ix.get("payments_day")).contains(Relation.of("payments"));
    }

    @Test
    void droppingATableForgetsItsIndexesAndAnIndexRecreatedElsewhereFollowsItsNewTable() {
        ix.put("by_day", Relation.of("ledger"));
        ix.put("by_account", Relation.of("ledger"));
        ix.put("by_day", Relation.of("payments")); // dropped and created again on another table

        ix.dropTables(List.of(Relation.of("ledger")));

        assertThat(ix.get("by_account")).isEmpty();
        assertThat(ix.get("by_day")).contains(Relation.of("payments"));
        assertThat(ix.remove("by_day")).isEqualTo(Relation.of("payments"));
        ix.moveTable(Relation.of("payments"), Relation.of("p2"));
        assertThat(ix.get("by_day")).isEmpty();
    }
}
