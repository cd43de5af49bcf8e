-- PostgreSQL proves nothing from amount > 0 for SET NOT NULL: it scans
ALTER TABLE accounts ADD CONSTRAINT balance_positive CHECK (balance > 0);
-- expect: 1
ALTER TABLE accounts ALTER COLUMN balance SET NOT NULL;
