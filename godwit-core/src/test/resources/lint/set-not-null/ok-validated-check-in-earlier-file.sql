ALTER TABLE accounts ADD CONSTRAINT accounts_email_not_null CHECK (email IS NOT NULL) NOT VALID;
-- godwit-test:next-file
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_not_null;
-- godwit-test:next-file
-- PostgreSQL 12+ finds the validated CHECK: SET NOT NULL is catalog only
ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;
ALTER TABLE accounts DROP CONSTRAINT accounts_email_not_null;
