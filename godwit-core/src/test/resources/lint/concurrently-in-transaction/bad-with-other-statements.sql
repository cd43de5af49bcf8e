-- the ALTER and the UPDATE each commit alone: if the index build fails, they stay applied
-- expect: 1
ALTER TABLE ledger_entries ADD COLUMN settled boolean;
UPDATE ledger_entries SET settled = false WHERE id < 1000;
CREATE INDEX CONCURRENTLY ledger_settled_idx ON ledger_entries (settled);
DROP INDEX CONCURRENTLY ledger_old_idx;
