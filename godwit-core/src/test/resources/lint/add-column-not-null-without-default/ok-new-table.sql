CREATE TABLE payouts (id bigint PRIMARY KEY);
ALTER TABLE payouts ADD COLUMN amount numeric(19, 4) NOT NULL;
