-- The new reporting system only knows whole units, so someone "simplifies" the balances.
-- trunc() drops the cents: 1.50 of customers' money would vanish without an error.
-- The linter flags a whole-table UPDATE; its author accepted that, so only the integrity check is left:
-- godwit:allow dml-without-where because every balance is converted on purpose
UPDATE accounts SET balance = trunc(balance);
