CREATE TABLE import_rows (id bigint, amount numeric(19, 4));
INSERT INTO import_rows SELECT id, amount FROM ledger;
UPDATE import_rows SET amount = round(amount, 2);
DELETE FROM import_rows;
UPDATE ledger SET currency = 'EUR' WHERE id BETWEEN 1 AND 10000;
DELETE FROM ledger l USING import_rows i WHERE l.id = i.id;
MERGE INTO accounts a USING import_rows i ON a.id = i.id WHEN MATCHED THEN UPDATE SET balance = i.amount;
