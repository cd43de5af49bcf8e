-- expect: 4
CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric NOT NULL, fee_amount decimal(12), tax_amount numeric(12, 0),
  quantity numeric);
ALTER TABLE invoices ADD COLUMN discount_amount numeric;
