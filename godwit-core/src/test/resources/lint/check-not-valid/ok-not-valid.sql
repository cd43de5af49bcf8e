ALTER TABLE accounts ADD CONSTRAINT balance_non_negative CHECK (balance >= 0) NOT VALID;
ALTER DOMAIN amount ADD CONSTRAINT amount_scale CHECK (scale(VALUE) <= 4) NOT VALID;
-- godwit-test:next-file
ALTER TABLE accounts VALIDATE CONSTRAINT balance_non_negative;
