-- The stock trader's schema, roles and seed data. Idempotent: running it again changes nothing
-- but the authenticator's password (set again from the file) and the seed rows it leaves alone.
--
-- Run as the database owner `trader` (the postgres image's POSTGRES_USER, a superuser):
--
--   API_PASSWORD_FILE=/secrets/api-password psql -v ON_ERROR_STOP=1 -f migration.sql
--
-- API_PASSWORD_FILE names a file holding the password of `authenticator`, the role PostgREST logs
-- in as; psql reads it with a backquote command, so it never appears on a command line.
--
-- Schema `api` is what PostgREST serves. Its tables are not granted to anyone: the anonymous role
-- `web_anon` reads only the views `quotes`, `portfolio` and `recent_trades` and trades only through
-- `place_trade`, a SECURITY DEFINER function that checks every order.

\set ON_ERROR_STOP on

-- Read the password first, so that a missing file fails the run before anything changes.
\set api_password `cat "$API_PASSWORD_FILE"`
SELECT :'api_password' <> '' AS has_api_password \gset
\if :has_api_password
\else
  \warn 'migration: API_PASSWORD_FILE must name a file holding the authenticator password'
  DO $$ BEGIN RAISE EXCEPTION 'API_PASSWORD_FILE is unset, unreadable or empty'; END $$;
\endif

BEGIN;
-- Quiet re-runs: no notice for each object that already exists.
SET LOCAL client_min_messages = warning;

-- Roles are cluster-wide and have no IF NOT EXISTS: create each only when it is missing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'web_anon') THEN
    CREATE ROLE web_anon NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'authenticator') THEN
    CREATE ROLE authenticator LOGIN NOINHERIT;
  END IF;
END
$$;
-- Enforced on every run, in case someone changed them by hand.
ALTER ROLE web_anon NOLOGIN NOINHERIT;
ALTER ROLE authenticator LOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE;
ALTER ROLE authenticator PASSWORD :'api_password';
GRANT web_anon TO authenticator;

CREATE SCHEMA IF NOT EXISTS api;

CREATE TABLE IF NOT EXISTS api.stocks (
  symbol text PRIMARY KEY CHECK (symbol ~ '^[A-Z]{1,5}$'),
  company text NOT NULL,
  base_price_cents bigint NOT NULL CHECK (base_price_cents > 0),
  -- Where on its price wave the stock starts, so the three do not move in step.
  phase double precision NOT NULL DEFAULT 0
);

-- One demo account, id 1; the CHECK keeps it single.
CREATE TABLE IF NOT EXISTS api.accounts (
  id integer PRIMARY KEY CHECK (id = 1),
  owner text NOT NULL,
  cash_cents bigint NOT NULL CHECK (cash_cents >= 0)
);

CREATE TABLE IF NOT EXISTS api.holdings (
  account_id integer NOT NULL REFERENCES api.accounts,
  symbol text NOT NULL REFERENCES api.stocks,
  quantity bigint NOT NULL CHECK (quantity >= 0),
  PRIMARY KEY (account_id, symbol)
);

CREATE TABLE IF NOT EXISTS api.trades (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id integer NOT NULL REFERENCES api.accounts,
  symbol text NOT NULL REFERENCES api.stocks,
  side text NOT NULL CHECK (side IN ('buy', 'sell')),
  quantity integer NOT NULL CHECK (quantity > 0),
  price_cents bigint NOT NULL CHECK (price_cents > 0),
  executed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS trades_executed_at ON api.trades (executed_at);

-- Live prices without a background job: each stock swings 5 % around its base price on a wave
-- of about three minutes (2π × 30 s), computed from the clock. Within one transaction now() is
-- fixed, so a trade sees one price throughout.
CREATE OR REPLACE VIEW api.quotes AS
SELECT
  s.symbol,
  s.company,
  round(
    s.base_price_cents
      * (1 + 0.05 * sin(extract(epoch FROM now())::double precision / 30 + s.phase))
  )::bigint AS price_cents,
  s.base_price_cents,
  now() AS quoted_at
FROM api.stocks s;

-- The account's cash, and each holding valued at the current quote.
CREATE OR REPLACE VIEW api.portfolio AS
SELECT
  a.id AS account_id,
  a.owner,
  a.cash_cents,
  coalesce(sum(h.quantity * q.price_cents), 0)::bigint AS holdings_value_cents,
  (a.cash_cents + coalesce(sum(h.quantity * q.price_cents), 0))::bigint AS total_value_cents,
  coalesce(
    jsonb_agg(
      jsonb_build_object(
        'symbol', h.symbol,
        'quantity', h.quantity,
        'price_cents', q.price_cents,
        'value_cents', h.quantity * q.price_cents
      )
      ORDER BY h.symbol
    ) FILTER (WHERE h.symbol IS NOT NULL),
    '[]'::jsonb
  ) AS holdings
FROM api.accounts a
LEFT JOIN api.holdings h ON h.account_id = a.id AND h.quantity > 0
LEFT JOIN api.quotes q ON q.symbol = h.symbol
GROUP BY a.id;

-- The last 50 trades, newest first.
CREATE OR REPLACE VIEW api.recent_trades AS
SELECT
  t.id,
  t.symbol,
  t.side,
  t.quantity,
  t.price_cents,
  (t.quantity * t.price_cents)::bigint AS total_cents,
  t.executed_at
FROM api.trades t
ORDER BY t.executed_at DESC, t.id DESC
LIMIT 50;

-- Buys or sells at the current quote for the demo account. Refuses, with SQLSTATE P0001 (which
-- PostgREST answers with HTTP 400 and the message), an unknown symbol, a quantity that is not
-- positive, a side other than buy or sell, a buy the cash does not cover and a sale of more
-- shares than are held. Runs as its owner, so callers need no rights on the tables.
CREATE OR REPLACE FUNCTION api.place_trade(symbol text, side text, quantity integer)
RETURNS jsonb
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  wanted_symbol text := upper(btrim(place_trade.symbol));
  wanted_side text := lower(btrim(place_trade.side));
  price bigint;
  cost bigint;
  cash bigint;
  held bigint;
  trade api.trades;
BEGIN
  IF wanted_side IS NULL OR wanted_side NOT IN ('buy', 'sell') THEN
    RAISE EXCEPTION 'side must be ''buy'' or ''sell'', got %', coalesce(quote_literal(place_trade.side), 'nothing')
      USING ERRCODE = 'P0001';
  END IF;
  IF place_trade.quantity IS NULL OR place_trade.quantity <= 0 THEN
    RAISE EXCEPTION 'quantity must be a positive whole number, got %', coalesce(place_trade.quantity::text, 'nothing')
      USING ERRCODE = 'P0001';
  END IF;
  SELECT q.price_cents INTO price FROM api.quotes q WHERE q.symbol = wanted_symbol;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown symbol %', coalesce(quote_literal(place_trade.symbol), 'nothing')
      USING ERRCODE = 'P0001',
        HINT = 'known symbols: ' || (SELECT string_agg(s.symbol, ', ' ORDER BY s.symbol) FROM api.stocks s);
  END IF;

  cost := price * place_trade.quantity;
  -- Lock the account first, then the holding: concurrent trades queue here instead of racing.
  SELECT a.cash_cents INTO STRICT cash FROM api.accounts a WHERE a.id = 1 FOR UPDATE;
  SELECT h.quantity INTO held
    FROM api.holdings h WHERE h.account_id = 1 AND h.symbol = wanted_symbol FOR UPDATE;
  held := coalesce(held, 0);

  IF wanted_side = 'buy' THEN
    IF cost > cash THEN
      RAISE EXCEPTION 'insufficient cash: % % at $% cost $%, cash is $%',
          place_trade.quantity, wanted_symbol, to_char(price / 100.0, 'FM999,999,990.00'),
          to_char(cost / 100.0, 'FM999,999,999,990.00'), to_char(cash / 100.0, 'FM999,999,999,990.00')
        USING ERRCODE = 'P0001';
    END IF;
    UPDATE api.accounts a SET cash_cents = a.cash_cents - cost WHERE a.id = 1;
    INSERT INTO api.holdings AS h (account_id, symbol, quantity)
      VALUES (1, wanted_symbol, place_trade.quantity)
      ON CONFLICT ON CONSTRAINT holdings_pkey
      DO UPDATE SET quantity = h.quantity + excluded.quantity;
  ELSE
    IF place_trade.quantity > held THEN
      RAISE EXCEPTION 'cannot sell % %: only % held', place_trade.quantity, wanted_symbol, held
        USING ERRCODE = 'P0001';
    END IF;
    UPDATE api.holdings h SET quantity = h.quantity - place_trade.quantity
      WHERE h.account_id = 1 AND h.symbol = wanted_symbol;
    UPDATE api.accounts a SET cash_cents = a.cash_cents + cost WHERE a.id = 1;
  END IF;

  INSERT INTO api.trades (account_id, symbol, side, quantity, price_cents)
    VALUES (1, wanted_symbol, wanted_side, place_trade.quantity, price)
    RETURNING * INTO trade;
  RETURN jsonb_build_object(
    'id', trade.id,
    'symbol', trade.symbol,
    'side', trade.side,
    'quantity', trade.quantity,
    'price_cents', trade.price_cents,
    'total_cents', cost,
    'executed_at', trade.executed_at
  );
END
$$;

-- Least privilege: nothing for PUBLIC, and for web_anon only the three views and the function.
REVOKE ALL ON SCHEMA api FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA api FROM PUBLIC, web_anon;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA api FROM PUBLIC, web_anon;
GRANT USAGE ON SCHEMA api TO web_anon;
GRANT SELECT ON api.quotes, api.portfolio, api.recent_trades TO web_anon;
GRANT EXECUTE ON FUNCTION api.place_trade(text, text, integer) TO web_anon;

INSERT INTO api.stocks (symbol, company, base_price_cents, phase) VALUES
  ('ACME', 'Acme Corporation', 12345, 0),
  ('INIT', 'Initech', 4820, 2.1),
  ('GLBX', 'Globex', 27180, 4.2)
  ON CONFLICT DO NOTHING;
INSERT INTO api.accounts (id, owner, cash_cents) VALUES (1, 'demo', 10000000)
  ON CONFLICT DO NOTHING;

-- PostgREST's documented schema cache reload, delivered when the transaction commits.
NOTIFY pgrst, 'reload schema';

COMMIT;
