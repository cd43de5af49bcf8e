-- expect: 2
CLUSTER ledger_entries USING ledger_account_idx;
CLUSTER;
