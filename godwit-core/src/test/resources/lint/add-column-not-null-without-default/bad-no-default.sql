-- expect: 1
ALTER TABLE accounts ADD COLUMN currency char(3) NOT NULL;
