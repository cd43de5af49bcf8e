-- expect: 1
ALTER TABLE invoices ADD COLUMN total_amount varchar(32);
