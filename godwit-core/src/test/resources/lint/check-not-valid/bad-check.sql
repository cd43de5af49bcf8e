-- expect: 2
ALTER TABLE accounts ADD CONSTRAINT balance_non_negative CHECK (balance >= 0);
ALTER TABLE accounts ADD CHECK (currency ~ '^[A-Z]{3}$');
