-- expect: 1
SET search_path = billing, public;
SET timezone = 'America/New_York';
CREATE TABLE invoices (id bigint PRIMARY KEY, issued_at timestamptz);
