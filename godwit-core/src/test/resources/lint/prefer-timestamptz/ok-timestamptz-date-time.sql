CREATE TABLE settlements (id bigint PRIMARY KEY, value_date date, settled_at timestamptz NOT NULL,
  cutoff timestamp(3) with time zone, opens_at time, window interval);
SET LOCAL TimeZone = 'UTC';
ALTER TABLE payouts ALTER COLUMN paid_at TYPE timestamptz;
