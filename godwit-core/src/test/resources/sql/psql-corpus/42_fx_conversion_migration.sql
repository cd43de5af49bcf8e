-- V42__fx_conversion.sql: a realistic change with a function, a backfill, and a constraint added safely.
-- godwit:lock-timeout 5s
CREATE TABLE rates (ccy char(3) PRIMARY KEY, to_eur numeric(18, 8) NOT NULL CHECK (to_eur > 0));
INSERT INTO rates VALUES ('EUR', 1), ('USD', 0.92), ('GBP', 1.16), ('JPY', 0.0062);

CREATE TABLE postings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ccy char(3) NOT NULL REFERENCES rates (ccy),
    amount numeric(20, 2) NOT NULL,
    amount_eur numeric(20, 2)
);
INSERT INTO postings (ccy, amount) SELECT (ARRAY['EUR', 'USD', 'GBP', 'JPY'])[1 + g % 4], g * 1.25 FROM generate_series(1, 100) g;

CREATE FUNCTION to_eur(amount numeric, ccy char(3)) RETURNS numeric
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT round(amount * (SELECT r.to_eur FROM rates r WHERE r.ccy = to_eur.ccy), 2);
END;

UPDATE postings SET amount_eur = to_eur(amount, ccy) WHERE amount_eur IS NULL;

ALTER TABLE postings ADD CONSTRAINT postings_amount_eur_set CHECK (amount_eur IS NOT NULL) NOT VALID;
ALTER TABLE postings VALIDATE CONSTRAINT postings_amount_eur_set;

CREATE OR REPLACE FUNCTION postings_fill_eur() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.amount_eur := coalesce(NEW.amount_eur, to_eur(NEW.amount, NEW.ccy));
    RETURN NEW;
END;
$$;
CREATE TRIGGER postings_fill_eur BEFORE INSERT OR UPDATE OF amount, ccy ON postings
    FOR EACH ROW EXECUTE FUNCTION postings_fill_eur();

INSERT INTO postings (ccy, amount) VALUES ('USD', 10.00);
SELECT ccy, sum(amount) AS total, sum(amount_eur) AS total_eur FROM postings GROUP BY ccy ORDER BY ccy;
