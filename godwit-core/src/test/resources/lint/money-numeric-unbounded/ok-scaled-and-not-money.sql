CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric(19, 4) NOT NULL, total_minor bigint, exchange_rate numeric,
  quantity numeric(10), fees numeric(12, 2)[]);
CREATE DOMAIN amount AS numeric;
