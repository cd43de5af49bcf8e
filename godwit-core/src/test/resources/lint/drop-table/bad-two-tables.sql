-- expect: 2
DROP TABLE IF EXISTS ledger_archive, billing."Payouts";
