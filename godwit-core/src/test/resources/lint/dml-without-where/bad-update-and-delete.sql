CREATE TABLE ledger (entry_id bigint PRIMARY KEY, currency text, amount numeric(19, 4));
-- godwit-test:next-file
-- expect: 3
UPDATE ledger SET currency = 'EUR';
DELETE FROM ONLY ledger;
WITH moved AS (DELETE FROM payouts RETURNING *) INSERT INTO payouts_archive SELECT * FROM moved;
