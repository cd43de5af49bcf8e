-- godwit-test:pg-version 18
-- expect: 1
ALTER TABLE accounts ADD CONSTRAINT accounts_email_not_null NOT NULL email;
