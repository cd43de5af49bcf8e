VACUUM (ANALYZE) ledger_entries;
VACUUM (FULL false) ledger_entries;
-- godwit-test:next-file
CREATE TABLE payouts (id bigint PRIMARY KEY);
VACUUM FULL payouts;
CLUSTER payouts USING payouts_pkey;
