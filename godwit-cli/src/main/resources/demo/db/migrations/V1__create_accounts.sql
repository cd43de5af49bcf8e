-- Accounts hold money in numeric(12,2): exact cents, never a float.
CREATE TABLE accounts (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL,
    currency   text NOT NULL DEFAULT '${default_currency}' CHECK (currency ~ '^[A-Z]{3}$'),
    balance    numeric(12,2) NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO accounts (name, balance) VALUES
    ('cash', 1000.00),
    ('customer: ada', 250.00),
    ('customer: grace', 75.50);
