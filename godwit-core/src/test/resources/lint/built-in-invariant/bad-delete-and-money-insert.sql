CREATE TABLE jobs (id bigint PRIMARY KEY, state text);
CREATE TABLE payments (id bigint PRIMARY KEY, amount numeric(19, 4) NOT NULL);
-- godwit-test:next-file
-- expect: 2
DELETE FROM jobs WHERE state = 'done';
INSERT INTO payments (id, amount) VALUES (1, 10.00);
