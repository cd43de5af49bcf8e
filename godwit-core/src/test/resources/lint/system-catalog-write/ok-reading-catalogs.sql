SELECT indisvalid FROM pg_index WHERE indexrelid = 'ledger_account_idx'::regclass;
CREATE TABLE page_views (id bigint);
UPDATE page_views SET id = 1 WHERE id = 2;
