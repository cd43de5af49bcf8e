-- expect: 1
ALTER TABLE ledger DROP memo;
