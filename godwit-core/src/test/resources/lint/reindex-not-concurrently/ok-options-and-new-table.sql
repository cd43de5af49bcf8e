REINDEX (VERBOSE, CONCURRENTLY) TABLE ledger_entries;
-- godwit-test:next-file
CREATE TABLE payouts (id bigint PRIMARY KEY);
REINDEX TABLE payouts;
