-- godwit-test:pg-version 11
ALTER TABLE accounts ADD CONSTRAINT accounts_email_not_null CHECK (email IS NOT NULL) NOT VALID;
-- godwit-test:next-file
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_not_null;
-- godwit-test:next-file
-- expect: 1
ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;
