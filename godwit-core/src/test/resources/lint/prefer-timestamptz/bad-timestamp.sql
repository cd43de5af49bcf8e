-- expect: 4
CREATE TABLE settlements (id bigint PRIMARY KEY, value_date date, settled_at timestamp NOT NULL,
  cutoff timestamp(3) without time zone, history timestamp[]);
ALTER TABLE payouts ADD COLUMN paid_at timestamp without time zone;
