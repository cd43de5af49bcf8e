CREATE TYPE payment_state AS ENUM ('pending', 'settled', 'failed; retry', 'it''s odd');
ALTER TYPE payment_state ADD VALUE 'refunded' AFTER 'settled';
ALTER TYPE payment_state ADD VALUE IF NOT EXISTS 'chargeback';

CREATE DOMAIN money_amount AS numeric(20, 2)
    CONSTRAINT money_amount_finite CHECK (VALUE > -1e15 AND VALUE < 1e15);
CREATE DOMAIN iban AS text CHECK (VALUE ~ '^[A-Z]{2}[0-9]{2}');

CREATE TYPE postal_address AS (street text, city text, zip text, country char(2));
CREATE TYPE amount_range AS RANGE (subtype = numeric);

CREATE TABLE invoices (
    id int PRIMARY KEY,
    state payment_state NOT NULL DEFAULT 'pending',
    amount money_amount NOT NULL,
    bill_to postal_address,
    allowed amount_range
);

INSERT INTO invoices VALUES
    (1, 'settled', 10.5, ROW('Hauptstraße 1', 'Berlin', '10115', 'DE'), '[0,100)'),
    (2, 'failed; retry', 99.99, ('1 Main St; Apt 2', 'Dublin', 'D01', 'IE')::postal_address, numrange(0, 50)::text::amount_range);

SELECT (bill_to).city, state, amount FROM invoices ORDER BY id;
SELECT enum_range(NULL::payment_state);
ALTER DOMAIN money_amount ADD CONSTRAINT money_amount_not_huge CHECK (VALUE < 1e12) NOT VALID;
COMMENT ON TYPE payment_state IS 'state machine; see docs';
ALTER TYPE postal_address ADD ATTRIBUTE region text;
DROP TYPE IF EXISTS nothing_here;
