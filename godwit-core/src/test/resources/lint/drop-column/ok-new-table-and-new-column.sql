CREATE TABLE accounts (id bigint PRIMARY KEY, note text);
ALTER TABLE accounts DROP COLUMN note;
ALTER TABLE ledger ADD COLUMN import_batch int;
UPDATE ledger SET import_batch = 1 WHERE import_batch IS NULL;
ALTER TABLE ledger DROP COLUMN import_batch;
ALTER TABLE ledger DROP CONSTRAINT ledger_memo_check;
