-- godwit:no-transaction
-- godwit-test:pg-version 10
-- expect: 1
UPDATE accounts SET balance = (SELECT sum(amount) FROM ledger WHERE ledger.account_id = accounts.id);
