CREATE TABLE payments (
    id bigserial PRIMARY KEY,
    amount numeric(12, 2) NOT NULL,
    state text NOT NULL DEFAULT 'pending',
    updated_at timestamptz
);

CREATE TABLE payments_audit (
    id bigserial PRIMARY KEY,
    payment_id bigint,
    op char(1) NOT NULL,
    old_row jsonb,
    new_row jsonb,
    at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE FUNCTION payments_audit_fn() RETURNS trigger
LANGUAGE plpgsql
AS $trg$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO payments_audit (payment_id, op, new_row) VALUES (NEW.id, 'I', to_jsonb(NEW));
        RETURN NEW;
    ELSIF TG_OP = 'UPDATE' THEN
        NEW.updated_at := now();
        INSERT INTO payments_audit (payment_id, op, old_row, new_row)
            VALUES (NEW.id, 'U', to_jsonb(OLD), to_jsonb(NEW));
        RETURN NEW;
    ELSE
        INSERT INTO payments_audit (payment_id, op, old_row) VALUES (OLD.id, 'D', to_jsonb(OLD));
        RETURN OLD;
    END IF;
END;
$trg$;

CREATE TRIGGER payments_audit_ins BEFORE INSERT OR UPDATE ON payments
    FOR EACH ROW EXECUTE FUNCTION payments_audit_fn();
CREATE TRIGGER payments_audit_del AFTER DELETE ON payments
    FOR EACH ROW EXECUTE FUNCTION payments_audit_fn();

CREATE FUNCTION forbid_truncate() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;

CREATE FUNCTION payments_no_negative() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.amount < 0 THEN
        RAISE EXCEPTION 'negative payment %; use a refund', NEW.id;
    END IF;
    RETURN NEW;
END $$;

CREATE CONSTRAINT TRIGGER payments_no_negative AFTER INSERT ON payments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION payments_no_negative();

INSERT INTO payments (amount) VALUES (10.00), (20.50);
UPDATE payments SET state = 'settled' WHERE amount > 15;
DELETE FROM payments WHERE state = 'pending';
SELECT op, count(*) FROM payments_audit GROUP BY op ORDER BY op;
ALTER TABLE payments DISABLE TRIGGER payments_audit_del;
ALTER TABLE payments ENABLE TRIGGER payments_audit_del;
DROP FUNCTION forbid_truncate();
