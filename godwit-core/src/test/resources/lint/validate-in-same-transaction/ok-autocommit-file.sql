-- godwit:no-transaction
-- each statement commits on its own: the ADD's lock is gone before VALIDATE
ALTER TABLE accounts ADD CONSTRAINT balance_non_negative CHECK (balance >= 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT balance_non_negative;
