CREATE MATERIALIZED VIEW IF NOT EXISTS account_totals AS SELECT account_id, sum(amount) AS total FROM ledger GROUP BY account_id;
CREATE UNIQUE INDEX account_totals_id ON account_totals (account_id);
