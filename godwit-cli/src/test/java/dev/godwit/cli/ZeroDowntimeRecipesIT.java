package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The recipes of docs/zero-downtime.md, as written there (generated from the page; the batch directive left out,
 * since the batch runner is its own feature): the expand files pass the expand gate, the contract files run after.
 */
class ZeroDowntimeRecipesIT extends CliTestBase {

    @Test
    void theRecipesRunExpandThenContract() {
        config("[preflight]\nin_use_observe = \"0\"\n");
        write("V1__tables.sql", "create table branches (id bigint primary key, currency char(3) not null);\n"
                + "create table accounts (id bigint primary key, nickname text, branch_id bigint references branches);\n"
                + "create index on accounts (branch_id);\n"
                + "-- godwit:allow money-as-float because the recipe replaces it\n"
                + "create table transfers (id bigint primary key, amount double precision);\n"
                + "insert into branches values (1, 'EUR');\n"
                + "insert into accounts values (1, 'al', 1);\n"
                + "insert into transfers values (1, 12.5);\n");
        write("V10__add_display_name.sql", "ALTER TABLE accounts ADD COLUMN display_name text;\n"
                + "CREATE FUNCTION accounts_sync_display_name() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                + "BEGIN\n"
                + "  IF TG_OP = 'INSERT' OR NEW.nickname IS DISTINCT FROM OLD.nickname THEN\n"
                + "    NEW.display_name := NEW.nickname;          -- a write of the old version\n"
                + "  ELSIF NEW.display_name IS DISTINCT FROM OLD.display_name THEN\n"
                + "    NEW.nickname := NEW.display_name;          -- a write of the new version\n"
                + "  END IF;\n"
                + "  IF NEW.display_name IS NULL THEN NEW.display_name := NEW.nickname; END IF;\n"
                + "  IF NEW.nickname IS NULL THEN NEW.nickname := NEW.display_name; END IF;\n"
                + "  RETURN NEW;\n"
                + "END $$;\n"
                + "CREATE TRIGGER accounts_sync_display_name BEFORE INSERT OR UPDATE ON accounts\n"
                + "  FOR EACH ROW EXECUTE FUNCTION accounts_sync_display_name();\n");
        write("V11__backfill_display_name.sql", "UPDATE accounts SET display_name = nickname WHERE display_name IS DISTINCT FROM nickname;\n");
        write("V12__drop_nickname.sql", "-- godwit:phase contract\n"
                + "-- godwit:allow drop-column because release 7 reads display_name; the in-use check confirmed nothing reads nickname\n"
                + "DROP TRIGGER accounts_sync_display_name ON accounts;\n"
                + "DROP FUNCTION accounts_sync_display_name();\n"
                + "ALTER TABLE accounts DROP COLUMN nickname;\n");
        write("V20__add_amount_cents.sql", "ALTER TABLE transfers ADD COLUMN amount_cents bigint;\n"
                + "CREATE FUNCTION transfers_sync_amount() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                + "BEGIN\n"
                + "  IF NEW.amount_cents IS NULL OR TG_OP = 'UPDATE' AND NEW.amount IS DISTINCT FROM OLD.amount THEN\n"
                + "    NEW.amount_cents := round(NEW.amount * 100);     -- written by the old version\n"
                + "  END IF;\n"
                + "  RETURN NEW;\n"
                + "END $$;\n"
                + "CREATE TRIGGER transfers_sync_amount BEFORE INSERT OR UPDATE ON transfers\n"
                + "  FOR EACH ROW EXECUTE FUNCTION transfers_sync_amount();\n");
        write("V21__backfill_amount_cents.sql", "-- godwit:expect-change transfers.amount_cents any\n"
                + "UPDATE transfers SET amount_cents = round(amount * 100) WHERE amount_cents IS NULL;\n");
        write("V22__drop_amount.sql", "-- godwit:phase contract\n"
                + "-- godwit:allow drop-column because amount_cents holds every value; release 8 no longer writes amount\n"
                + "-- godwit:expect-change transfers.amount any\n"
                + "DROP TRIGGER transfers_sync_amount ON transfers;\n"
                + "DROP FUNCTION transfers_sync_amount();\n"
                + "ALTER TABLE transfers DROP COLUMN amount;\n");
        write("V30__add_currency.sql", "ALTER TABLE accounts ADD COLUMN currency char(3);\n");
        write("V31__backfill_currency.sql", "UPDATE accounts a SET currency = b.currency FROM branches b WHERE b.id = a.branch_id AND a.currency IS NULL;\n");
        write("V32__currency_not_null_check.sql", "-- godwit:phase contract\n"
                + "ALTER TABLE accounts ADD CONSTRAINT accounts_currency_not_null CHECK (currency IS NOT NULL) NOT VALID;\n");
        write("V33__currency_not_null.sql", "-- godwit:phase contract\n"
                + "ALTER TABLE accounts VALIDATE CONSTRAINT accounts_currency_not_null;   -- a scan, but reads and writes go on\n"
                + "ALTER TABLE accounts ALTER COLUMN currency SET NOT NULL;                -- PostgreSQL 12+: proven by the check, no scan\n"
                + "ALTER TABLE accounts DROP CONSTRAINT accounts_currency_not_null;\n");

        GodwitProcess.Result expand = run("migrate", "--phase", "expand");
        assertThat(expand.exitCode()).as(expand.toString()).isZero();
        assertThat(db.count("select count(*) from accounts where display_name = 'al'")).isOne();
        assertThat(db.count("select count(*) from transfers where amount_cents = 1250")).isOne();
        assertThat(db.count("select count(*) from accounts where currency = 'EUR'")).isOne();

        GodwitProcess.Result contract = run("migrate", "--phase", "contract");
        assertThat(contract.exitCode()).as(contract.toString()).isZero();
        assertThat(db.count("select count(*) from information_schema.columns where table_name = 'accounts'"
                + " and column_name = 'nickname'")).isZero();
        assertThat(db.count("select count(*) from information_schema.columns where table_name = 'accounts'"
                + " and column_name = 'currency' and is_nullable = 'NO'")).isOne();
    }
}
