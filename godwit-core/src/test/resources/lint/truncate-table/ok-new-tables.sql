CREATE TABLE import_rows (id bigint, amount numeric(19, 4));
INSERT INTO import_rows SELECT id, amount FROM ledger WHERE booked_on = current_date;
TRUNCATE import_rows;
DELETE FROM ledger WHERE id IN (SELECT id FROM ledger ORDER BY id LIMIT 10000);
