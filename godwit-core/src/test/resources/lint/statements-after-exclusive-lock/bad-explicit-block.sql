-- godwit:no-transaction
-- expect: 1
BEGIN;
LOCK TABLE ledger_entries IN ACCESS EXCLUSIVE MODE;
DELETE FROM ledger_entries WHERE booked_at < now() - interval '7 years';
COMMIT;
