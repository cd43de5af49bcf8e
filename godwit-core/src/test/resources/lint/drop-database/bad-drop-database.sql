-- expect: 1
DROP DATABASE IF EXISTS ledger_old;
