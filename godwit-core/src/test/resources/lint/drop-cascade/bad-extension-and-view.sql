-- expect: 3
DROP EXTENSION citext CASCADE;
DROP MATERIALIZED VIEW daily_totals CASCADE;
DROP VIEW account_balances, payout_summary CASCADE;
