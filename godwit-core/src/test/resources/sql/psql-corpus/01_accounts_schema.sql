-- V1__accounts_schema.sql: the kind of first migration a ledger team writes.
-- Nothing clever, but every statement has to come out whole.

CREATE SCHEMA IF NOT EXISTS ledger;

CREATE TABLE ledger.customers (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    legal_name  text NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 200),
    country     char(2) NOT NULL DEFAULT 'DE',
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger.accounts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES ledger.customers (id) ON DELETE RESTRICT,
    iban        text NOT NULL,
    currency    char(3) NOT NULL DEFAULT 'EUR',
    balance     numeric(20, 2) NOT NULL DEFAULT 0,
    status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'frozen', 'closed')),
    note        text DEFAULT 'n/a; none', -- a semicolon in a default is still just text
    CONSTRAINT accounts_iban_format CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$')
);

CREATE UNIQUE INDEX accounts_iban_key ON ledger.accounts (iban);
CREATE INDEX accounts_customer_idx ON ledger.accounts (customer_id) WHERE status <> 'closed';

COMMENT ON TABLE ledger.accounts IS 'One row per account; balance is derived; never edit it by hand.';
COMMENT ON COLUMN ledger.accounts.iban IS 'ISO 13616; upper case, no spaces';

ALTER TABLE ledger.accounts
    ADD COLUMN opened_on date NOT NULL DEFAULT current_date,
    ADD COLUMN closed_on date,
    ADD CONSTRAINT accounts_closed_after_opened CHECK (closed_on IS NULL OR closed_on >= opened_on);

INSERT INTO ledger.customers (legal_name, country) VALUES
    ('Müller & Söhne GmbH', 'DE'),
    ('O''Brien Holdings; Ltd.', 'IE'),
    ('Société Générale "Test"', 'FR');

INSERT INTO ledger.accounts (customer_id, iban, currency, note)
SELECT c.id, 'DE' || lpad(c.id::text, 20, '0'), 'EUR', 'seeded -- by V1'
FROM ledger.customers c
ORDER BY c.id;

UPDATE ledger.accounts SET status = 'frozen' WHERE iban LIKE '%3';

CREATE VIEW ledger.open_accounts AS
    SELECT a.id, a.iban, c.legal_name
    FROM ledger.accounts a JOIN ledger.customers c ON c.id = a.customer_id
    WHERE a.status = 'open';

ANALYZE ledger.accounts;
