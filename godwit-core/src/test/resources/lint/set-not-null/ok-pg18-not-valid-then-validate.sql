-- godwit-test:pg-version 18
ALTER TABLE accounts ADD CONSTRAINT accounts_email_not_null NOT NULL email NOT VALID;
-- godwit-test:next-file
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_not_null;
-- godwit-test:next-file
ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;
