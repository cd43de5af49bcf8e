-- expect: 2
ALTER TABLE payouts ALTER COLUMN paid_at TYPE timestamp;
CREATE DOMAIN booking_time AS timestamp;
