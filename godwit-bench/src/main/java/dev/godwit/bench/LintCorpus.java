package dev.godwit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A deterministic corpus of realistic migration files ({@code V<n>__<desc>.sql}, 20–80 statements each) for the
 * lint benchmark: a payments schema that grows, changes and shrinks over thousands of migrations, in safe and
 * risky forms alike. It keeps a model of the schema it has written, so every statement names a table, column,
 * index or type that exists at that point: applied in order to an empty PostgreSQL it runs (LintCorpusTest).
 * The main tables hold no rows (only small reference tables get INSERTs), so type changes, NOT NULL and
 * validations always succeed there, as they would on a real schema whose data fits.
 */
final class LintCorpus {

    /** What was written: the folder, its files and the SQL statements in them (comments not counted). */
    record Result(Path dir, int files, int statements) {}

    private static final String[] ENTITIES = {"accounts", "customers", "payments", "invoices", "invoice_lines",
        "ledger_entries", "transfers", "refunds", "payouts", "merchants", "settlements", "fees", "balances",
        "card_tokens", "disputes", "subscriptions", "plans", "webhooks", "audit_events", "bank_accounts"};
    private static final String[] REFERENCES = {"fee_schedules", "payment_methods", "fee_tiers", "payout_schedules",
        "risk_levels"};
    private static final String[] MONEY = {"amount", "fee", "balance", "total", "price", "tax_amount", "net_amount",
        "cost", "refunded_amount", "available_balance"};
    private static final String[] TEXTS = {"description", "memo", "note", "reference", "email", "country",
        "statement_descriptor", "failure_reason", "source", "channel"};
    private static final String[] TIMES = {"settled_at", "paid_at", "cancelled_at", "expires_at", "archived_at",
        "captured_at", "failed_at", "deleted_at"};
    private static final String[] OTHERS = {"is_test", "attempts", "priority", "metadata", "payload", "due_on",
        "booked_on", "external_id", "idempotency_key", "currency", "status"};
    private static final String[] STATUSES = {"pending", "authorised", "captured", "settled", "refunded", "failed",
        "cancelled", "disputed", "reversed", "on_hold"};

    private final Random random;
    private final CorpusSchema schema = new CorpusSchema();
    private final List<String> file = new ArrayList<>();
    private int statementsInFile;
    private int seq;

    private LintCorpus(long seed) {
        this.random = new Random(seed);
    }

    /** Writes files into {@code dir} until at least {@code statements} statements are written. */
    static Result write(Path dir, int statements, long seed) throws IOException {
        return new LintCorpus(seed).writeAll(dir, statements);
    }

    private Result writeAll(Path dir, int target) throws IOException {
        Files.createDirectories(dir);
        int total = 0;
        int version = 0;
        while (total < target) {
            version++;
            int size = 20 + random.nextInt(61);
            file.clear();
            statementsInFile = 0;
            String desc = startFile(version);
            while (statementsInFile < size) {
                change();
            }
            total += statementsInFile;
            Files.writeString(dir.resolve("V" + version + "__" + desc + ".sql"), String.join("\n", file) + "\n");
        }
        return new Result(dir, version, total);
    }

    private String startFile(int version) {
        if (random.nextInt(4) == 0) {
            file.add("/*\n * PAY-" + (1000 + version) + ": " + pick(ENTITIES) + " changes for the " + pick(STATUSES)
                    + " flow.\n * Reviewed by the payments team; see the runbook before running in production.\n */");
        }
        if (random.nextInt(3) == 0) {
            sql("set lock_timeout = '" + (1 + random.nextInt(5)) + "s'");
        }
        if (random.nextInt(5) == 0) {
            sql("set statement_timeout = '" + (1 + random.nextInt(30)) + "min'");
        }
        return schema.tables().isEmpty() ? "create_" + ENTITIES[0] : "change_" + pick(schema.tables()).name;
    }

    /** A unique name within PostgreSQL's 63 characters (longer names would be cut and could collide). */
    private String ident(String base) {
        String suffix = "_" + (++seq);
        return (base.length() + suffix.length() > 63 ? base.substring(0, 63 - suffix.length()) : base) + suffix;
    }

    private void sql(String statement) {
        file.add(statement + ";");
        statementsInFile++;
    }

    private void comment(String text) {
        file.add("-- " + text);
    }

    /** One change: a few related statements, chosen with weights like a real migration history. */
    private void change() {
        file.add("");
        List<CorpusSchema.Table> tables = schema.tables();
        if (tables.size() < 8 || random.nextInt(100) < (tables.size() < 150 ? 6 : 1)) {
            createTable();
            return;
        }
        CorpusSchema.Table t = pick(tables);
        int r = random.nextInt(100);
        if (r < 12) {
            addColumn(t);
        } else if (r < 18) {
            addColumnBackfillNotNull(t);
        } else if (r < 23) {
            dropColumn(t);
        } else if (r < 29) {
            alterType(t);
        } else if (r < 33) {
            notNull(t);
        } else if (r < 37) {
            setDefault(t);
        } else if (r < 42) {
            addCheck(t);
        } else if (r < 46) {
            addForeignKey(t);
        } else if (r < 56) {
            createIndex(t);
        } else if (r < 60) {
            dropIndex(t);
        } else if (r < 67) {
            update(t);
        } else if (r < 71) {
            delete(t);
        } else if (r < 76) {
            insert();
        } else if (r < 80) {
            function(t);
        } else if (r < 83) {
            doBlock(t);
        } else if (r < 86) {
            enumChange(t);
        } else if (r < 89) {
            rename(t);
        } else if (r < 91) {
            dropTable(t);
        } else if (r < 93) {
            view(t);
        } else if (r < 96) {
            comment(t);
        } else {
            maintenance(t);
        }
    }

    private void createTable() {
        if (random.nextInt(6) == 0) {
            createReferenceTable(pick(REFERENCES) + "_" + (++seq));
            return;
        }
        String entity = pick(ENTITIES);
        String name = entity + "_" + (++seq);
        CorpusSchema.Table t = schema.addTable(name);
        List<String> lines = new ArrayList<>();
        int idKind = random.nextInt(10);
        String idType = idKind < 5 ? "bigint" : idKind < 8 ? "uuid" : idKind < 9 ? "bigserial" : "serial";
        lines.add("    id " + (idType.equals("uuid") ? "uuid primary key default gen_random_uuid()"
                : idType.equals("bigint") ? "bigint generated always as identity primary key" : idType + " primary key"));
        t.idType = idType.equals("serial") ? "integer" : idType.equals("bigserial") ? "bigint" : idType;
        t.key("id");
        CorpusSchema.Table parent = schema.tables().size() > 1 && random.nextBoolean() ? pickOther(t) : null;
        if (parent != null) {
            String fk = t.freshName(singular(parent.name) + "_id");
            lines.add("    " + fk + " " + parent.idType + (random.nextBoolean() ? " not null" : "") + " references "
                    + parent.name + " (id)" + (random.nextInt(3) == 0 ? " on delete cascade" : ""));
            t.fk(fk, parent.idType);
            parent.pinned = true;
        }
        int columns = 2 + random.nextInt(7);
        for (int i = 0; i < columns; i++) {
            CorpusSchema.Column c = newColumn(t);
            lines.add("    " + c.name + " " + c.type + (random.nextInt(3) == 0 ? " not null" + defaultFor(c) : ""));
        }
        lines.add("    created_at timestamptz not null default now()");
        t.key("created_at");
        if (random.nextBoolean()) {
            lines.add("    updated_at timestamptz");
            t.column("updated_at", "timestamptz");
        }
        CorpusSchema.Column money = t.numeric(random);
        if (money != null && random.nextBoolean()) {
            lines.add("    constraint " + name + "_" + money.name + "_check check (" + money.name + " >= 0)");
        }
        comment(random.nextBoolean() ? "one row per " + singular(entity) : "new table for the " + pick(STATUSES) + " flow");
        sql("create table " + (random.nextInt(4) == 0 ? "if not exists " : "") + name + " (\n"
                + String.join(",\n", lines) + "\n)");
        if (random.nextBoolean()) {
            sql("comment on table " + name + " is 'The " + entity.replace('_', ' ') + " of the payments ledger.'");
        }
        if (parent != null && random.nextBoolean()) {
            String col = t.columns.get(1).name;
            String idx = name + "_" + col + "_idx";
            sql("create index " + idx + " on " + name + " (" + col + ")");
            t.indexes.add(new CorpusSchema.Index(idx, List.of(col)));
        }
    }

    private void createReferenceTable(String name) {
        schema.addReference(name);
        comment("reference data, loaded by later migrations");
        sql("create table " + name + " (\n    code text primary key,\n    label text not null,\n"
                + "    rate numeric(9,6) not null default 0,\n    fixed_fee numeric(14,2) not null default 0,\n"
                + "    created_at timestamptz not null default now()\n)");
    }

    private void addColumn(CorpusSchema.Table t) {
        CorpusSchema.Column c = newColumn(t);
        int form = random.nextInt(10);
        String tail = form < 5 ? "" : form < 8 ? defaultFor(c) : form < 9 ? " not null" + defaultFor(c) : " default now()";
        if (form == 9) {
            // A volatile default: every existing row needs its own value, so PostgreSQL rewrites the table.
            c = t.replaceType(c, random.nextBoolean() ? "timestamptz" : "uuid");
            tail = c.type.equals("uuid") ? " default gen_random_uuid()" : " default clock_timestamp()";
        }
        sql("alter table " + t.name + " add column " + (random.nextInt(5) == 0 ? "if not exists " : "") + c.name + " "
                + c.type + tail);
    }

    /** The expand pattern: add nullable, backfill in batches or at once, then NOT NULL (directly or via CHECK). */
    private void addColumnBackfillNotNull(CorpusSchema.Table t) {
        CorpusSchema.Column c = newColumn(t);
        comment("add " + c.name + ", backfill, then make it required");
        sql("alter table " + t.name + " add column " + c.name + " " + c.type);
        String value = valueFor(c);
        if (random.nextBoolean()) {
            sql("update " + t.name + " set " + c.name + " = " + value + " where " + c.name + " is null");
        } else {
            sql("update " + t.name + " set " + c.name + " = " + value + " where id in (select id from " + t.name
                    + " where " + c.name + " is null limit 10000)");
        }
        if (random.nextBoolean()) {
            String check = ident(t.name + "_" + c.name + "_not_null");
            sql("alter table " + t.name + " add constraint " + check + " check (" + c.name + " is not null) not valid");
            sql("alter table " + t.name + " validate constraint " + check);
            sql("alter table " + t.name + " alter column " + c.name + " set not null");
            sql("alter table " + t.name + " drop constraint " + check);
        } else {
            sql("alter table " + t.name + " alter column " + c.name + " set not null");
        }
    }

    private void dropColumn(CorpusSchema.Table t) {
        CorpusSchema.Column c = t.changeable(random);
        if (c == null) {
            addColumn(t);
            return;
        }
        t.drop(c);
        comment("no reader left for " + c.name);
        sql("alter table " + t.name + " drop column " + (random.nextInt(4) == 0 ? "if exists " : "") + c.name);
    }

    private void alterType(CorpusSchema.Table t) {
        CorpusSchema.Column c = t.changeable(random);
        String to = c == null ? null : CorpusSchema.widerType(c.type);
        if (to == null) {
            notNull(t);
            return;
        }
        boolean using = c.type.equals("money") || c.type.equals("double precision") || c.type.equals("json");
        sql("alter table " + t.name + " alter column " + c.name + " type " + to
                + (using ? " using " + c.name + "::" + to : ""));
        t.replaceType(c, to);
    }

    private void notNull(CorpusSchema.Table t) {
        CorpusSchema.Column c = t.changeable(random);
        if (c == null) {
            addColumn(t);
            return;
        }
        sql("alter table " + t.name + " alter column " + c.name + (random.nextInt(3) == 0 ? " drop" : " set")
                + " not null");
    }

    private void setDefault(CorpusSchema.Table t) {
        CorpusSchema.Column c = t.changeable(random);
        if (c == null || c.type.endsWith("[]")) {
            addColumn(t);
            return;
        }
        String d = defaultFor(c);
        sql("alter table " + t.name + " alter column " + c.name + (d.isEmpty() || random.nextInt(4) == 0
                ? " drop default" : " set" + d));
    }

    private void addCheck(CorpusSchema.Table t) {
        CorpusSchema.Column c = t.numeric(random);
        if (c == null) {
            addColumn(t);
            return;
        }
        String name = ident(t.name + "_" + c.name + "_positive");
        String check = "check (" + c.name + " >= 0)";
        if (random.nextBoolean()) {
            sql("alter table " + t.name + " add constraint " + name + " " + check + " not valid");
            sql("alter table " + t.name + " validate constraint " + name);
        } else {
            sql("alter table " + t.name + " add constraint " + name + " " + check);
        }
    }

    private void addForeignKey(CorpusSchema.Table t) {
        CorpusSchema.Table parent = pickOther(t);
        if (parent == null) {
            createIndex(t);
            return;
        }
        String col = t.freshName(singular(parent.name) + "_id");
        sql("alter table " + t.name + " add column " + col + " " + parent.idType);
        t.fk(col, parent.idType);
        parent.pinned = true;
        String name = ident(t.name + "_" + col + "_fkey");
        String fk = "alter table " + t.name + " add constraint " + name + " foreign key (" + col + ") references "
                + parent.name + " (id)";
        if (random.nextBoolean()) {
            sql(fk + " not valid");
            sql("alter table " + t.name + " validate constraint " + name);
        } else {
            sql(fk);
        }
    }

    private void createIndex(CorpusSchema.Table t) {
        CorpusSchema.Column c = t.columns.get(random.nextInt(t.columns.size()));
        if (c.type.equals("json")) {
            c = t.columns.get(0); // json has no btree or gin operator class
        }
        boolean gin = c.type.equals("jsonb") || c.type.endsWith("[]");
        boolean concurrently = random.nextInt(5) < 3;
        boolean unique = !gin && random.nextInt(6) == 0;
        String name = ident(t.name + "_" + c.name + (unique ? "_key" : "_idx"));
        String where = !gin && random.nextInt(4) == 0 ? " where " + c.name + " is not null" : "";
        String cols = gin || random.nextBoolean() || c.name.equals("created_at") ? c.name : c.name + ", created_at";
        if (concurrently) {
            comment("built without blocking writes; this file runs outside a transaction");
        } else if (random.nextInt(4) == 0) {
            comment("godwit:allow create-index-not-concurrently because " + t.name + " is small and written only"
                    + " by the nightly batch");
        }
        sql("create " + (unique ? "unique " : "") + "index " + (concurrently ? "concurrently " : "")
                + (random.nextInt(4) == 0 ? "if not exists " : "") + name + " on " + t.name
                + (gin ? " using gin" : "") + " (" + cols + ")" + where);
        t.indexes.add(new CorpusSchema.Index(name, List.of(cols.split(", "))));
    }

    private void dropIndex(CorpusSchema.Table t) {
        if (t.indexes.isEmpty()) {
            createIndex(t);
            return;
        }
        CorpusSchema.Index i = t.indexes.remove(random.nextInt(t.indexes.size()));
        sql("drop index " + (random.nextBoolean() ? "concurrently " : "") + (random.nextBoolean() ? "if exists " : "")
                + i.name());
    }

    private void update(CorpusSchema.Table t) {
        CorpusSchema.Column c = t.changeable(random);
        if (c == null) {
            delete(t);
            return;
        }
        String set = "update " + t.name + " set " + c.name + " = " + valueFor(c);
        int form = random.nextInt(4);
        if (form == 0) {
            comment("every row: fine on a small table, a long lock and a bloat on a big one");
            sql(set);
        } else if (form == 1) {
            sql(set + " where created_at < now() - interval '" + (1 + random.nextInt(365)) + " days'");
        } else if (form == 2) {
            String other = c.type.equals("json") ? " is null" : " is distinct from " + valueFor(c);
            sql(set + " where id in (select id from " + t.name + " where " + c.name + other
                    + " order by id limit 5000)");
        } else {
            sql(set + ", created_at = created_at where " + c.name + " is null");
        }
    }

    private void delete(CorpusSchema.Table t) {
        if (random.nextInt(4) == 0) {
            sql("delete from " + t.name);
        } else {
            sql("delete from " + t.name + " where created_at < now() - interval '" + (1 + random.nextInt(7))
                    + " years'");
        }
    }

    private void insert() {
        List<String> refs = schema.references();
        if (refs.isEmpty()) {
            createReferenceTable(pick(REFERENCES) + "_" + (++seq));
            return;
        }
        String t = pick(refs);
        List<String> rows = new ArrayList<>();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            int code = ++seq;
            rows.add("    ('" + pick(STATUSES) + "_" + code + "', '" + pick(ENTITIES).replace('_', ' ') + " " + code
                    + "', " + String.format(Locale.ROOT, "%.4f", random.nextDouble() / 20) + ", "
                    + String.format(Locale.ROOT, "%.2f", random.nextDouble() * 2) + ")");
        }
        sql("insert into " + t + " (code, label, rate, fixed_fee) values\n" + String.join(",\n", rows)
                + "\non conflict (code) do nothing");
    }

    private void function(CorpusSchema.Table t) {
        int n = ++seq;
        if (t.has("updated_at") && random.nextBoolean()) {
            String tag = random.nextBoolean() ? "$$" : "$body$";
            sql("create or replace function set_updated_at_" + n + "() returns trigger\nlanguage plpgsql as " + tag
                    + "\nbegin\n    new.updated_at := now(); -- keeps 'updated_at' honest; a ; here ends nothing\n"
                    + "    return new;\nend;\n" + tag);
            sql("create trigger " + ident(t.name + "_updated_at") + " before update on " + t.name
                    + "\n    for each row execute function set_updated_at_" + n + "()");
        } else {
            sql("create or replace function fee_for_" + n + "(amount numeric, rate numeric default 0.029)\n"
                    + "returns numeric\nlanguage sql immutable strict as $$\n"
                    + "    select round(amount * rate + 0.30, 2) -- 'cents'; rounded half up\n$$");
        }
    }

    private void doBlock(CorpusSchema.Table t) {
        CorpusSchema.Column c = t.changeable(random);
        if (c == null || random.nextInt(3) == 0) {
            sql("do $$\nbegin\n    if (select count(*) from " + t.name + ") > 1000000 then\n"
                    + "        raise notice 'large table %, run the backfill by hand', '" + t.name + "';\n"
                    + "    end if;\nend\n$$");
            return;
        }
        sql("do $$\ndeclare\n    moved bigint;\nbegin\n    loop\n        update " + t.name + " set " + c.name + " = "
                + valueFor(c) + "\n        where id in (select id from " + t.name + " where " + c.name
                + " is null limit 5000);\n        get diagnostics moved = row_count;\n        exit when moved = 0;\n"
                + "        perform pg_sleep(0.01);\n    end loop;\nend\n$$");
    }

    private void enumChange(CorpusSchema.Table t) {
        CorpusSchema.Column c = t.enumColumn();
        if (c == null || random.nextInt(3) == 0) {
            String type = singular(t.name) + "_status_" + (++seq);
            sql("create type " + type + " as enum ('pending', 'authorised', 'captured', 'refunded')");
            String col = t.freshName("status");
            sql("alter table " + t.name + " add column " + col + " " + type + " not null default 'pending'");
            t.column(col, type).isEnum = true;
            return;
        }
        sql("alter type " + c.type + " add value if not exists '" + pick(STATUSES) + "'"
                + (random.nextBoolean() ? " after 'captured'" : ""));
    }

    private void rename(CorpusSchema.Table t) {
        CorpusSchema.Column c = t.changeable(random);
        if (c != null && random.nextInt(3) > 0) {
            String to = t.freshName(c.name.replaceAll("(_legacy)?(_[0-9]+)?$", "") + "_legacy");
            sql("alter table " + t.name + " rename column " + c.name + " to " + to);
            t.rename(c, to);
            return;
        }
        String to = t.name.replaceAll("_[0-9]+$", "") + "_" + (++seq);
        sql("alter table " + t.name + " rename to " + to);
        t.name = to;
    }

    private void dropTable(CorpusSchema.Table t) {
        if (t.pinned) {
            delete(t);
            return;
        }
        schema.drop(t);
        comment(t.name + " is replaced; its data was copied in an earlier release");
        sql("drop table " + (random.nextBoolean() ? "if exists " : "") + t.name);
    }

    private void view(CorpusSchema.Table t) {
        t.pinned = true;
        sql("create or replace view " + ident(t.name + "_recent") + " as\n    select id, created_at from " + t.name
                + "\n    where created_at > now() - interval '30 days'");
    }

    private void comment(CorpusSchema.Table t) {
        CorpusSchema.Column c = t.columns.get(random.nextInt(t.columns.size()));
        sql("comment on column " + t.name + "." + c.name + " is 'Owned by payments; it''s " + c.type + ".'");
    }

    private void maintenance(CorpusSchema.Table t) {
        int form = random.nextInt(4);
        if (form == 0) {
            sql("analyze " + t.name);
        } else if (form == 1) {
            sql("alter table " + t.name + " set (autovacuum_vacuum_scale_factor = 0.01)");
        } else if (form == 2 && !t.pinned) {
            sql("truncate table " + t.name);
        } else {
            CorpusSchema.Column c = t.columns.get(random.nextInt(t.columns.size()));
            sql("alter table " + t.name + " alter column " + c.name + " set statistics 500");
        }
    }

    /** A new column of a realistic type: money in numeric (or, sometimes, in float or money), text, times. */
    private CorpusSchema.Column newColumn(CorpusSchema.Table t) {
        int kind = random.nextInt(10);
        if (kind < 3) {
            int m = random.nextInt(20);
            String type = m < 13 ? "numeric(14,2)" : m < 15 ? "bigint" : m < 17 ? "money" : m < 19
                    ? "double precision" : "real";
            return t.column(t.freshName(pick(MONEY)), type);
        }
        if (kind < 5) {
            int s = random.nextInt(3);
            return t.column(t.freshName(pick(TEXTS)), s == 0 ? "text" : s == 1 ? "varchar(" + (32 << s) + ")"
                    : "varchar(255)");
        }
        if (kind < 7) {
            return t.column(t.freshName(pick(TIMES)), random.nextInt(5) == 0 ? "timestamp" : "timestamptz");
        }
        String name = t.freshName(pick(OTHERS));
        String base = name.replaceAll("_[0-9]+$", "");
        String type = switch (base) {
            case "is_test" -> "boolean";
            case "attempts", "priority" -> random.nextBoolean() ? "integer" : "smallint";
            case "metadata", "payload" -> random.nextInt(4) == 0 ? "json" : "jsonb";
            case "due_on", "booked_on" -> "date";
            case "external_id", "idempotency_key" -> "uuid";
            case "currency" -> "char(3)";
            default -> random.nextBoolean() ? "text" : "text[]";
        };
        return t.column(name, type);
    }

    private String defaultFor(CorpusSchema.Column c) {
        String v = valueFor(c);
        return v.contains("(") && !v.startsWith("'") ? "" : " default " + v;
    }

    /** A literal of the column's type (or an expression, for uuid and times). */
    private String valueFor(CorpusSchema.Column c) {
        String type = c.type;
        if (c.isEnum) {
            return "'pending'";
        }
        if (type.equals("money")) {
            return "'0.00'"; // money compares with no number type, only with its own literals
        }
        if (type.startsWith("numeric") || type.equals("double precision")
                || type.equals("real")) {
            return "0";
        }
        return switch (type) {
            case "bigint", "integer", "smallint" -> Integer.toString(random.nextInt(3));
            case "boolean" -> random.nextBoolean() ? "false" : "true";
            case "json", "jsonb" -> "'{}'";
            case "date" -> "current_date";
            case "uuid" -> "gen_random_uuid()";
            case "timestamp", "timestamptz" -> "now()";
            case "char(3)" -> "'EUR'";
            case "text[]" -> "'{}'";
            default -> "'" + pick(STATUSES) + "'";
        };
    }

    private CorpusSchema.Table pickOther(CorpusSchema.Table t) {
        List<CorpusSchema.Table> tables = schema.tables();
        CorpusSchema.Table p = tables.get(random.nextInt(tables.size()));
        return p == t ? null : p;
    }

    private static String singular(String table) {
        String base = table.replaceAll("_v?[0-9]+$", "").replaceAll("_v?[0-9]+$", "");
        return base.endsWith("ies") ? base.substring(0, base.length() - 3) + "y"
                : base.endsWith("s") ? base.substring(0, base.length() - 1) : base;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private String pick(String[] items) {
        return items[random.nextInt(items.length)];
    }
}
