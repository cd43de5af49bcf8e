-- godwit:batch size=10000 pause=50ms
-- runs in short keyset batches: no statement holds every row
UPDATE accounts SET balance_cents = balance * 100;
