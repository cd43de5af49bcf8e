CREATE TABLE txns (id int PRIMARY KEY, account text, amount numeric, at date);
INSERT INTO txns SELECT g, 'acc-' || (g % 3), (g * 7 % 50) - 20, date '2024-01-01' + g FROM generate_series(1, 30) g;

CREATE VIEW daily_totals AS
WITH per_day AS (
    SELECT account, at, sum(amount) AS total
    FROM txns
    GROUP BY account, at
)
SELECT account, at, total,
       sum(total) OVER (PARTITION BY account ORDER BY at ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running,
       CASE WHEN total < 0 THEN 'debit' WHEN total > 0 THEN 'credit' ELSE 'flat; zero' END AS kind
FROM per_day;

CREATE MATERIALIZED VIEW monthly AS
SELECT date_trunc('month', at)::date AS month, account, sum(amount) AS net
FROM txns GROUP BY 1, 2
WITH DATA;

CREATE UNIQUE INDEX monthly_key ON monthly (month, account);
REFRESH MATERIALIZED VIEW CONCURRENTLY monthly;

SELECT account,
       count(*) FILTER (WHERE amount < 0) AS debits,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) AS median,
       string_agg(id::text, ';' ORDER BY id) AS ids
FROM txns
GROUP BY ROLLUP (account)
ORDER BY account NULLS LAST;

SELECT * FROM daily_totals WHERE kind = 'debit' ORDER BY account, at LIMIT 5;

CREATE OR REPLACE VIEW daily_totals AS
SELECT account, at, sum(amount) AS total, 0::numeric AS running, 'n/a'::text AS kind FROM txns GROUP BY account, at;

SELECT lag(amount) OVER w, lead(amount, 2, 0) OVER w
FROM txns
WINDOW w AS (PARTITION BY account ORDER BY id)
ORDER BY id
FETCH FIRST 3 ROWS ONLY;

DROP MATERIALIZED VIEW monthly;
