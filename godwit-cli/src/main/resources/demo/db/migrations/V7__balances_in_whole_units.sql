-- The new reporting system only knows whole units, so someone "simplifies" the balances.
-- trunc() drops the cents: 1.50 of customers' money would vanish without an error.
UPDATE accounts SET balance = trunc(balance);
