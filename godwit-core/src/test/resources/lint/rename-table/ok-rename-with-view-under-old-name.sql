ALTER TABLE ledger RENAME TO ledger_entries;
CREATE VIEW ledger AS SELECT * FROM ledger_entries;
ALTER TABLE payouts SET SCHEMA archive;
CREATE OR REPLACE VIEW payouts AS SELECT * FROM archive.payouts;
