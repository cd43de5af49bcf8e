CREATE TABLE ledger (id int PRIMARY KEY, account text, amount numeric);
INSERT INTO ledger VALUES (1, 'a', 10), (2, 'b', -5), (3, 'a', 7.5);

PREPARE by_account (text) AS
    SELECT id, amount FROM ledger WHERE account = $1 ORDER BY id;
EXECUTE by_account('a');

PREPARE insert_row (int, text, numeric) AS
    INSERT INTO ledger VALUES ($1, $2, $3) RETURNING id, $3 * 2 AS doubled;
EXECUTE insert_row(4, 'c; quoted', 1.25);

PREPARE between_amounts AS SELECT count(*) FROM ledger WHERE amount BETWEEN $1::numeric AND $2::numeric;
EXECUTE between_amounts(0, 100);

CREATE FUNCTION add_ledger(int, numeric) RETURNS numeric LANGUAGE sql AS 'SELECT $2 + $1';
SELECT add_ledger(1, 2.5);

CREATE FUNCTION tenth(numeric) RETURNS numeric LANGUAGE sql RETURN $1/10;
SELECT tenth(100);

DEALLOCATE by_account;
DEALLOCATE PREPARE insert_row;
DEALLOCATE ALL;
