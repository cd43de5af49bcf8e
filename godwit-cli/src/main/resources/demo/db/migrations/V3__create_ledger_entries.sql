-- Double-entry: every transfer writes one debit and one credit that sum to zero.
CREATE TABLE ledger_entries (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transfer_id bigint NOT NULL REFERENCES transfers (id),
    account_id  bigint NOT NULL REFERENCES accounts (id),
    amount      numeric(12,2) NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION post_transfer(p_from bigint, p_to bigint, p_amount numeric) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    t bigint;
BEGIN
    INSERT INTO transfers (from_account, to_account, amount) VALUES (p_from, p_to, p_amount) RETURNING id INTO t;
    INSERT INTO ledger_entries (transfer_id, account_id, amount) VALUES (t, p_from, -p_amount), (t, p_to, p_amount);
    UPDATE accounts SET balance = balance - p_amount WHERE id = p_from;
    UPDATE accounts SET balance = balance + p_amount WHERE id = p_to;
    RETURN t;
END;
$$;

SELECT post_transfer(1, 2, 100.00);
SELECT post_transfer(2, 3, 25.25);
