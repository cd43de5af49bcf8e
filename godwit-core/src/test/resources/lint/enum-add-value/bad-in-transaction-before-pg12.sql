-- godwit-test:pg-version 11
-- expect: 1
ALTER TYPE payment_status ADD VALUE 'held' BEFORE 'settled';
