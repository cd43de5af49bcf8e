-- godwit:lock-timeout 5s
-- Accounts, the way a ledger team would write them.

CREATE TABLE accounts (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iban    text NOT NULL, -- no ; needed here
    note    text DEFAULT 'n/a; none',
    balance numeric(20, 2) NOT NULL DEFAULT 0
);

-- godwit:allow concurrent-index-in-migration because the table is new and empty
-- (the directive above applies to the next statement)
CREATE UNIQUE INDEX CONCURRENTLY accounts_iban ON accounts (iban);

CREATE FUNCTION balance_of(acc bigint) RETURNS numeric LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT CASE WHEN count(*) = 0 THEN 0 ELSE sum(balance) END FROM accounts WHERE id = acc;
END;

/* seed; two rows */
INSERT INTO accounts (iban, note) VALUES ('DE00;1', 'it''s -- fine'), ('DE00;2', $n$a;b$n$)
