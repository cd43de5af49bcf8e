CREATE TABLE payments (id bigint PRIMARY KEY, paid_at timestamp NOT NULL);
-- godwit-test:next-file
-- expect: 1
ALTER TABLE payments ALTER COLUMN paid_at TYPE timestamptz;
