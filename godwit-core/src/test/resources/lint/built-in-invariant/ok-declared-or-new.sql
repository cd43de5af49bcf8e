CREATE TABLE jobs (id bigint PRIMARY KEY, state text);
CREATE TABLE payments (id bigint PRIMARY KEY, amount numeric(19, 4) NOT NULL, note text);
-- godwit-test:next-file
-- godwit:expect-change jobs.rows ..0
-- godwit:expect-change payments.* any
DELETE FROM jobs WHERE state = 'done';
INSERT INTO payments (id, amount) VALUES (1, 10.00);
UPDATE payments SET note = 'x' WHERE id = 1;
CREATE TABLE staging (id bigint, amount numeric(19, 4));
INSERT INTO staging VALUES (1, 2.00);
DELETE FROM staging;
