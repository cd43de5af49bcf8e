package dev.godwit.lint;

import dev.godwit.migration.MigrationKind;
import dev.godwit.migration.MigrationName;
import dev.godwit.sql.analysis.Action;
import dev.godwit.sql.analysis.Relation;
import dev.godwit.sql.analysis.StatementAnalysis;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a down script ({@code U1__x.sql}) is meant to undo: the tables and columns its up script ({@code
 * V1__x.sql}) created. Dropping those is what a rollback does, so the data-loss rules leave them alone; a down
 * script that drops anything else still gets the finding. {@link #NONE} for every other file.
 *
 * @param down    the file is a down script
 * @param tables  names of the tables its up script created
 * @param columns {@code table.column} of the columns its up script added to existing tables
 */
public record Undoes(boolean down, Set<String> tables, Set<String> columns) {

    public static final Undoes NONE = new Undoes(false, Set.of(), Set.of());

    public boolean table(Relation r) {
        return tables.contains(r.name());
    }

    public boolean column(Relation r, String column) {
        return tables.contains(r.name()) || columns.contains(r.name() + "." + column);
    }

    /** For each input, what it undoes: down scripts by their up script of the same version among the inputs. */
    static List<Undoes> of(List<LintInput> inputs, List<List<StatementAnalysis>> analysed) {
        List<Optional<MigrationName>> names = inputs.stream().map(Undoes::name).toList();
        Set<String> undone = new HashSet<>();
        names.forEach(n -> n.filter(x -> x.kind() == MigrationKind.UNDO)
                .ifPresent(x -> undone.add(x.version().parts().toString())));
        if (undone.isEmpty()) {
            return Collections.nCopies(inputs.size(), NONE); // most folders: no down scripts, nothing to collect
        }
        Map<String, Undoes> created = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Optional<MigrationName> n = names.get(i);
            if (n.isPresent() && n.get().kind() == MigrationKind.VERSIONED
                    && undone.contains(n.get().version().parts().toString())) {
                created.put(n.get().version().parts().toString(), createdBy(analysed.get(i)));
            }
        }
        return names.stream().map(n -> n.filter(x -> x.kind() == MigrationKind.UNDO)
                .map(x -> created.getOrDefault(x.version().parts().toString(), new Undoes(true, Set.of(), Set.of())))
                .orElse(NONE)).toList();
    }

    private static Undoes createdBy(List<StatementAnalysis> statements) {
        Set<String> tables = new HashSet<>();
        Set<String> columns = new HashSet<>();
        for (StatementAnalysis s : statements) {
            s.of(Action.CreateTable.class).forEach(ct -> tables.add(ct.table().name()));
            s.of(Action.AddColumn.class).forEach(ac -> columns.add(ac.table().name() + "." + ac.column().name()));
        }
        return new Undoes(true, Set.copyOf(tables), Set.copyOf(columns));
    }

    private static Optional<MigrationName> name(LintInput in) {
        Path p = Path.of(in.file()).getFileName();
        return p != null && MigrationName.parse(p.toString()) instanceof MigrationName.Migration m
                ? Optional.of(m.name()) : Optional.empty();
    }
}
