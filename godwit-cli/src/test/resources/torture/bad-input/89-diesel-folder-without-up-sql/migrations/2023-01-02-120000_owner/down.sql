ALTER TABLE accounts DROP COLUMN owner;
