ALTER TABLE accounts ADD CONSTRAINT accounts_email_not_null CHECK (email IS NOT NULL) NOT VALID;
-- godwit-test:next-file
-- the CHECK was never validated: SET NOT NULL cannot use it and scans
-- expect: 1
ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;
