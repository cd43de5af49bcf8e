-- Repeatable: re-applied whenever this file changes.
CREATE OR REPLACE VIEW account_balances AS
SELECT a.id, a.name, a.currency, a.balance,
       coalesce(sum(e.amount), 0) AS ledger_movement
FROM accounts a
LEFT JOIN ledger_entries e ON e.account_id = a.id
GROUP BY a.id;
