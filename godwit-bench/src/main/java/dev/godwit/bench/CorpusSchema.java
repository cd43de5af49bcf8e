package dev.godwit.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What {@link LintCorpus} has created so far: tables with their columns and indexes, and reference tables, so
 * that each generated statement names something that exists when PostgreSQL runs it.
 */
final class CorpusSchema {

    /** Type changes PostgreSQL accepts on an empty table, as real migrations widen or fix columns. */
    private static final Map<String, String> WIDER = Map.ofEntries(Map.entry("smallint", "integer"),
            Map.entry("integer", "bigint"), Map.entry("bigint", "numeric(20,0)"),
            Map.entry("numeric(14,2)", "numeric(18,2)"), Map.entry("numeric(18,2)", "numeric(20,4)"),
            Map.entry("money", "numeric(14,2)"), Map.entry("double precision", "numeric(14,2)"),
            Map.entry("real", "double precision"), Map.entry("varchar(64)", "varchar(255)"),
            Map.entry("varchar(128)", "text"), Map.entry("varchar(255)", "text"), Map.entry("text", "varchar(1000)"),
            Map.entry("timestamp", "timestamptz"), Map.entry("json", "jsonb"));

    static final class Column {
        String name;
        String type;
        boolean key;
        boolean fk;
        boolean isEnum;

        Column(String name, String type) {
            this.name = name;
            this.type = type;
        }
    }

    record Index(String name, List<String> columns) {}

    static final class Table {
        String name;
        String idType = "bigint";
        /** Referenced by a foreign key or a view: dropping or truncating it would fail. */
        boolean pinned;
        final List<Column> columns = new ArrayList<>();
        final List<Index> indexes = new ArrayList<>();

        Table(String name) {
            this.name = name;
        }

        Column column(String name, String type) {
            Column c = new Column(name, type);
            columns.add(c);
            return c;
        }

        /** A column no statement may drop, rename or retype: the id, created_at. */
        void key(String name) {
            column(name, name.equals("id") ? idType : "timestamptz").key = true;
        }

        void fk(String name, String type) {
            column(name, type).fk = true;
        }

        boolean has(String name) {
            return columns.stream().anyMatch(c -> c.name.equals(name));
        }

        /** {@code base}, or {@code base_2}, {@code base_3}… when the table has it already. */
        String freshName(String base) {
            String name = base;
            for (int i = 2; has(name); i++) {
                name = base + "_" + i;
            }
            return name;
        }

        Column replaceType(Column c, String type) {
            c.type = type;
            return c;
        }

        /** A column that is neither a key nor a foreign key, or null. */
        Column changeable(Random random) {
            List<Column> free = columns.stream().filter(c -> !c.key && !c.fk).toList();
            return free.isEmpty() ? null : free.get(random.nextInt(free.size()));
        }

        /** A number column a CHECK (x >= 0) fits, or null. */
        Column numeric(Random random) {
            List<Column> numbers = columns.stream().filter(c -> !c.key && !c.fk && (c.type.startsWith("numeric")
                    || c.type.equals("double precision") || c.type.equals("real") || c.type.endsWith("int")
                    || c.type.equals("integer"))).toList();
            return numbers.isEmpty() ? null : numbers.get(random.nextInt(numbers.size()));
        }

        Column enumColumn() {
            return columns.stream().filter(c -> c.isEnum).findFirst().orElse(null);
        }

        /** Dropping a column drops the indexes on it, in PostgreSQL and here. */
        void drop(Column c) {
            columns.remove(c);
            indexes.removeIf(i -> i.columns().contains(c.name));
        }

        void rename(Column c, String to) {
            for (int k = 0; k < indexes.size(); k++) {
                Index i = indexes.get(k);
                indexes.set(k, new Index(i.name(), i.columns().stream().map(n -> n.equals(c.name) ? to : n).toList()));
            }
            c.name = to;
        }
    }

    private final List<Table> tables = new ArrayList<>();
    private final List<String> references = new ArrayList<>();

    List<Table> tables() {
        return tables;
    }

    /** Small lookup tables (code, label, rate, fixed_fee): the only ones migrations insert rows into. */
    List<String> references() {
        return references;
    }

    Table addTable(String name) {
        Table t = new Table(name);
        tables.add(t);
        return t;
    }

    void addReference(String name) {
        references.add(name);
    }

    void drop(Table t) {
        tables.remove(t);
    }

    /** The type a column of {@code type} is widened or fixed to, or null when none applies. */
    static String widerType(String type) {
        return WIDER.get(type);
    }
}
