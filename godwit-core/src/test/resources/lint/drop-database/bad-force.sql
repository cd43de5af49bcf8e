-- godwit-test:pg-version 13
-- expect: 1
DROP DATABASE ledger_old WITH (FORCE);
