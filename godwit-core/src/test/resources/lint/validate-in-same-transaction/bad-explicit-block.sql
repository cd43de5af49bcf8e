-- godwit:no-transaction
-- expect: 1
BEGIN;
ALTER TABLE accounts ADD CONSTRAINT email_present CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT email_present;
COMMIT;
