-- The nightly trading report: per stock, the trades of the last 24 hours, the shares bought and
-- sold, and the cash that changed hands. Every listed stock has a row, with zeros on a quiet day.
--
--   psql -v ON_ERROR_STOP=1 -f report.sql

\set ON_ERROR_STOP on
\pset footer off

SELECT format('Trading report for the 24 hours to %s UTC',
  to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')) AS title \gset
\echo :title
\echo

SELECT
  s.symbol,
  s.company,
  count(t.id) AS trades,
  coalesce(sum(t.quantity) FILTER (WHERE t.side = 'buy'), 0) AS shares_bought,
  coalesce(sum(t.quantity) FILTER (WHERE t.side = 'sell'), 0) AS shares_sold,
  round(coalesce(sum(t.quantity * t.price_cents), 0) / 100.0, 2) AS volume_usd
FROM api.stocks s
LEFT JOIN api.trades t
  ON t.symbol = s.symbol AND t.executed_at > now() - interval '1 day'
GROUP BY s.symbol, s.company
ORDER BY s.symbol;
