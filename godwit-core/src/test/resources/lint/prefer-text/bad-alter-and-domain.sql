-- expect: 2
ALTER TABLE customers ALTER COLUMN email TYPE varchar(320);
CREATE DOMAIN currency_code AS char(3) CHECK (VALUE ~ '^[A-Z]{3}$');
