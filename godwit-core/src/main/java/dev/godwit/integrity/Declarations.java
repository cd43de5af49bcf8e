package dev.godwit.integrity;

import dev.godwit.config.ColumnRef;

import dev.godwit.config.ChangeRange;

import dev.godwit.integrity.InvariantResult.Status;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A migration's {@code -- godwit:expect-change <target> <range>} lines, matched to the checks they excuse:
 * {@code ledger_entries.rows}, {@code ledger_entries.amount} (or {@code ledger_entries.sum(amount)}),
 * {@code ledger_entries.*} (every built-in check of the table), or a user invariant's name. The table may be
 * written with or without its schema, quoted or not.
 */
final class Declarations {

    /** @param origin {@code V7__backfill.sql:2} */
    record Declared(String target, ChangeRange range, String origin) {}

    private final List<Declared> all;
    private final Set<Declared> used = new LinkedHashSet<>();

    Declarations(List<Declared> all) {
        this.all = List.copyOf(all);
    }

    /** The declaration for {@code part} ("rows" or a column) of the table PostgreSQL prints as {@code table}. */
    Optional<ChangeRange> forTable(String table, String part) {
        List<String> names = tableNames(table);
        String p = normal(part);
        for (Declared d : all) {
            String t = normal(d.target());
            for (String n : names) {
                if (t.equals(n + "." + p) || t.equals(n + ".sum(" + p + ")") || t.equals(n + ".*")) {
                    used.add(d);
                    return Optional.of(d.range());
                }
            }
        }
        return Optional.empty();
    }

    Optional<ChangeRange> forName(String invariant) {
        for (Declared d : all) {
            if (normal(d.target()).equals(normal(invariant))) {
                used.add(d);
                return Optional.of(d.range());
            }
        }
        return Optional.empty();
    }

    /** Declarations no check used: shown, so that a misspelt target does not go unnoticed. */
    List<InvariantResult> unused() {
        List<InvariantResult> out = new ArrayList<>();
        for (Declared d : all) {
            if (!used.contains(d)) {
                out.add(new InvariantResult(d.target(), "", "", "change " + d.range(), Status.UNUSED_DECLARATION,
                        d.origin() + ": no check of this migration is called that (tables it changes: their"
                                + " .rows and money columns; user invariants: their names)", List.of()));
            }
        }
        return out;
    }

    /** {@code app."Ledger"} is matched as {@code app.ledger} and {@code ledger}... by its stored spelling. */
    private static List<String> tableNames(String printed) {
        List<String> parts = ColumnRef.parts(printed);
        String full = normal(printed);
        String last = normal(parts.get(parts.size() - 1));
        return full.equals(last) ? List.of(full) : List.of(full, last);
    }

    private static String normal(String s) {
        return s.replace("\"", "").strip().toLowerCase(Locale.ROOT);
    }
}
