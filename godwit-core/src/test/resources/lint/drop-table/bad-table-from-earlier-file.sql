CREATE TABLE ledger_archive (id bigint PRIMARY KEY);
-- godwit-test:next-file
-- expect: 1
DROP TABLE ledger_archive CASCADE;
