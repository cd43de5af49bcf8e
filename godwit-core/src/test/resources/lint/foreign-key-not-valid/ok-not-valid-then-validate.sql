ALTER TABLE payments ADD CONSTRAINT payments_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) NOT VALID;
-- godwit-test:next-file
ALTER TABLE payments VALIDATE CONSTRAINT payments_account_fk;
