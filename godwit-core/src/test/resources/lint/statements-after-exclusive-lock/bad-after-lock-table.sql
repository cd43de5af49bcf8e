CREATE TABLE accounts (id bigint PRIMARY KEY, owner text);
-- godwit-test:next-file
LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE;
-- expect: 1
UPDATE accounts SET owner = lower(owner) WHERE owner <> lower(owner);
