CREATE TEMP TABLE import_rows (id bigint, amount numeric(19, 4));
CREATE TABLE staging_ledger (id bigint PRIMARY KEY);
DROP TABLE import_rows;
DROP TABLE staging_ledger;
DROP INDEX ledger_old_idx;
DROP VIEW account_balances;
