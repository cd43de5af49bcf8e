-- expect: 2
ALTER TABLE payments ADD FOREIGN KEY (account_id) REFERENCES accounts;
ALTER TABLE payments ADD COLUMN currency_id int NOT NULL DEFAULT 1 REFERENCES currencies (id);
