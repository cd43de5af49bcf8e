-- no CREATE TABLE of accounts and no database: reported at medium, saying the old type is unknown
-- expect: 1
ALTER TABLE accounts ALTER COLUMN iban TYPE varchar(64);
