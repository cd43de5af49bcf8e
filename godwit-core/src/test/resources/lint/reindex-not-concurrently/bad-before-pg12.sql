-- godwit-test:pg-version 11
-- expect: 1
REINDEX INDEX ledger_account_idx;
