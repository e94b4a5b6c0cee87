import * as fs from 'fs';
import * as path from 'path';
import { Client, DatabaseError } from 'pg';
import { ExampleDatabase, SQL, startExampleDatabase } from '../support/example-db';
import { DB } from '../support/postgres';
import { stopAll } from '../support/processes';
import { PROGRAMS, describeWithPrograms } from '../support/real-programs';

/** What `psql -At` printed, one row per line, fields split on `|`. */
function rows(stdout: string): string[][] {
  return stdout
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('|'));
}

// The tests share one database and run in order: the report counts the trades placed before it.
describeWithPrograms('the example database (real PostgreSQL 15)', [PROGRAMS.postgres], () => {
  let db: ExampleDatabase;
  /** `authenticator` logged in over TCP with its password, as PostgREST does. */
  let api: Client;

  /** Runs a statement as web_anon, the way PostgREST runs each request. */
  async function asAnon<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    await api.query('BEGIN');
    try {
      await api.query('SET LOCAL ROLE web_anon');
      const result = await api.query(sql, params);
      await api.query('COMMIT');
      return result.rows as T[];
    } catch (error) {
      await api.query('ROLLBACK');
      throw error;
    }
  }

  async function trade(symbol: string | null, side: string | null, quantity: number | null) {
    const [row] = await asAnon<{ trade: Record<string, unknown> }>(
      'SELECT api.place_trade(symbol := $1, side := $2, quantity := $3) AS trade',
      [symbol, side, quantity],
    );
    return row.trade;
  }

  interface Portfolio {
    cash_cents: number;
    holdings: { symbol: string; quantity: number }[];
  }
  /** Cash and shares (not their value, which moves with the quotes). */
  async function portfolio(): Promise<Portfolio> {
    const [row] = await asAnon<Portfolio>(
      'SELECT cash_cents::float8 AS cash_cents, holdings FROM api.portfolio',
    );
    return {
      cash_cents: row.cash_cents,
      holdings: row.holdings.map(({ symbol, quantity }) => ({ symbol, quantity })),
    };
  }

  /** The error a refused statement raises, as PostgREST would see it. */
  async function refusal(run: () => Promise<unknown>): Promise<DatabaseError> {
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof DatabaseError))
      throw new Error(`expected a database error, got ${String(error)}`);
    return error;
  }

  beforeAll(async () => {
    db = await startExampleDatabase();
    api = new Client({
      host: db.pg.host,
      port: db.pg.port,
      database: DB.name,
      user: 'authenticator',
      password: db.apiPassword,
    });
    await api.connect();
  }, 120_000);

  afterAll(() => stopAll([() => api?.end(), () => db?.pg.stop()]), 60_000);

  test('the migration applies again and changes nothing', async () => {
    const picture = async () => {
      const catalog = await db.pg.psql([
        '-At',
        '-c',
        `SELECT c.relname, c.relkind, c.relacl::text FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'api' ORDER BY 1`,
        '-c',
        `SELECT p.proname, p.prosecdef, p.proacl::text, p.proconfig::text FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'api' ORDER BY 1`,
        '-c',
        `SELECT rolname, rolcanlogin, rolinherit, rolsuper FROM pg_roles
           WHERE rolname IN ('web_anon', 'authenticator') ORDER BY 1`,
        '-c',
        'SELECT * FROM api.stocks ORDER BY symbol',
        '-c',
        'SELECT * FROM api.accounts',
      ]);
      expect(catalog.status).toBe(0);
      return catalog.stdout;
    };
    const before = await picture();
    const again = await db.migrate();
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(await picture()).toBe(before);
    expect(before).toContain('authenticator|t|f|f');
    expect(before).toContain('web_anon|f|f|f');
    expect(before).toContain('place_trade|t|');
  }, 60_000);

  test('fails if the API password file is missing, before changing anything', async () => {
    const result = await db.psqlWithPasswordFile(
      DB.owner,
      db.pg.ownerPasswordFile,
      ['-v', 'ON_ERROR_STOP=1', '-f', SQL.migration],
      { API_PASSWORD_FILE: path.join(db.pg.scratch, 'no-such-file') },
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('API_PASSWORD_FILE is unset, unreadable or empty');
    expect(result.stdout).not.toContain('BEGIN');
  }, 60_000);

  test.each([
    ['sh', ['sh']],
    ['busybox sh (as in the Alpine image)', ['busybox', 'sh']],
  ])(
    'authenticator logs in over TCP with the password from a 0440 file, through the wrapper in %s',
    async (_, shell) => {
      if (
        shell[0] === 'busybox' &&
        !fs.existsSync('/usr/bin/busybox') &&
        !fs.existsSync('/bin/busybox')
      ) {
        console.warn(
          'busybox is not installed (sudo apt-get install -y busybox): checked with sh only',
        );
        return;
      }
      expect(fs.statSync(db.apiPasswordFile).mode & 0o777).toBe(0o440);
      const result = await db.psqlWithPasswordFile(
        'authenticator',
        db.apiPasswordFile,
        [
          '-At',
          '-c',
          "SELECT current_user, inet_client_addr(), current_setting('password_encryption')",
        ],
        {},
        shell,
      );
      expect(result.stderr).toBe('');
      expect(rows(result.stdout)).toEqual([['authenticator', '127.0.0.1', 'scram-sha-256']]);
    },
    60_000,
  );

  test('fails to log in over TCP with a wrong password: TCP logins really check it', async () => {
    const wrong = path.join(db.pg.scratch, 'wrong-password');
    fs.writeFileSync(wrong, 'not the password\n', { mode: 0o440 });
    const result = await db.psqlWithPasswordFile('authenticator', wrong, ['-c', 'SELECT 1']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('password authentication failed for user "authenticator"');
  }, 60_000);

  test('the wrapper writes a pgpass of mode 0600 with : and \\ escaped', async () => {
    const tmp = fs.mkdtempSync(path.join(db.pg.scratch, 'inspect-'));
    const result = await db.psqlWithPasswordFile(
      'authenticator',
      db.apiPasswordFile,
      ['-At', '-c', 'SELECT 1'],
      { TMPDIR: tmp },
    );
    expect(result.status).toBe(0);
    const [file] = fs.readdirSync(tmp);
    expect(fs.statSync(path.join(tmp, file)).mode & 0o777).toBe(0o600);
    const escaped = db.apiPassword.replace(/\\/g, '\\\\').replace(/:/g, '\\:');
    expect(fs.readFileSync(path.join(tmp, file), 'utf8')).toBe(`*:*:*:*:${escaped}\n`);
  }, 60_000);

  test('authenticator itself reads nothing: it must switch to web_anon (NOINHERIT)', async () => {
    const error = await refusal(() => api.query('SELECT * FROM api.quotes'));
    expect(error.code).toBe('42501');
  });

  test('web_anon reads the three views', async () => {
    const quotes = await asAnon<{ symbol: string; company: string; price_cents: string }>(
      'SELECT symbol, company, price_cents FROM api.quotes ORDER BY symbol',
    );
    expect(quotes.map((q) => [q.symbol, q.company])).toEqual([
      ['ACME', 'Acme Corporation'],
      ['GLBX', 'Globex'],
      ['INIT', 'Initech'],
    ]);
    for (const q of quotes) expect(Number(q.price_cents)).toBeGreaterThan(0);
    expect(await asAnon('SELECT * FROM api.portfolio')).toHaveLength(1);
    expect(Array.isArray(await asAnon('SELECT * FROM api.recent_trades'))).toBe(true);
  });

  test.each([
    ['SELECT * FROM api.stocks', 'stocks'],
    ['SELECT * FROM api.accounts', 'accounts'],
    ['SELECT * FROM api.holdings', 'holdings'],
    ['SELECT * FROM api.trades', 'trades'],
    [
      "INSERT INTO api.trades (account_id, symbol, side, quantity, price_cents) VALUES (1, 'ACME', 'buy', 1, 1)",
      'trades',
    ],
    ['UPDATE api.accounts SET cash_cents = 1e12', 'accounts'],
  ])('fails if web_anon runs %s: permission denied', async (sql, table) => {
    const error = await refusal(() => asAnon(sql));
    expect(error.code).toBe('42501');
    expect(error.message).toBe(`permission denied for table ${table}`);
  });

  test('web_anon may read the three views and execute place_trade, nothing more; PUBLIC nothing', async () => {
    const result = await db.pg.psql([
      '-At',
      '-c',
      `SELECT c.relname,
              has_table_privilege('web_anon', c.oid, 'SELECT'),
              has_table_privilege('web_anon', c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'api' AND c.relkind IN ('r', 'v') ORDER BY 1`,
      '-c',
      `SELECT p.proname, has_function_privilege('web_anon', p.oid, 'EXECUTE'),
              EXISTS (SELECT FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                       WHERE a.grantee = 0)
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'api' ORDER BY 1`,
    ]);
    expect(result.stderr).toBe('');
    expect(rows(result.stdout)).toEqual([
      ['accounts', 'f', 'f'],
      ['holdings', 'f', 'f'],
      ['portfolio', 't', 'f'],
      ['quotes', 't', 'f'],
      ['recent_trades', 't', 'f'],
      ['stocks', 'f', 'f'],
      ['trades', 'f', 'f'],
      ['place_trade', 't', 'f'],
    ]);
  });

  test('place_trade buys and sells at the current quote, moving cash and shares', async () => {
    const start = await portfolio();
    const bought = await trade('acme', 'buy', 10);
    expect(bought).toMatchObject({ symbol: 'ACME', side: 'buy', quantity: 10 });
    const price = bought.price_cents as number;
    expect(bought.total_cents).toBe(price * 10);

    const afterBuy = await portfolio();
    expect(afterBuy.cash_cents).toBe(start.cash_cents - price * 10);
    expect(afterBuy.holdings).toContainEqual(
      expect.objectContaining({ symbol: 'ACME', quantity: 10 }),
    );

    const sold = await trade('ACME', 'sell', 4);
    expect(sold).toMatchObject({ symbol: 'ACME', side: 'sell', quantity: 4 });
    const afterSell = await portfolio();
    expect(afterSell.cash_cents).toBe(afterBuy.cash_cents + (sold.price_cents as number) * 4);
    expect(afterSell.holdings).toContainEqual(
      expect.objectContaining({ symbol: 'ACME', quantity: 6 }),
    );

    const recent = await asAnon<{ id: string; side: string }>(
      'SELECT id, side FROM api.recent_trades',
    );
    expect(recent.slice(0, 2).map((t) => t.side)).toEqual(['sell', 'buy']);
  });

  test.each<[string, string | null, string | null, number | null, RegExp]>([
    [
      'selling more than held',
      'ACME',
      'sell',
      1_000_000,
      /^cannot sell 1000000 ACME: only \d+ held$/,
    ],
    [
      'buying with too little cash',
      'GLBX',
      'buy',
      10_000_000,
      /^insufficient cash: 10000000 GLBX at \$[\d,.]+ cost \$[\d,.]+, cash is \$[\d,.]+$/,
    ],
    [
      'a side other than buy or sell',
      'ACME',
      'hold',
      1,
      /^side must be 'buy' or 'sell', got 'hold'$/,
    ],
    ['no side', 'ACME', null, 1, /^side must be 'buy' or 'sell', got nothing$/],
    ['a zero quantity', 'ACME', 'buy', 0, /^quantity must be a positive whole number, got 0$/],
    [
      'a negative quantity',
      'ACME',
      'sell',
      -3,
      /^quantity must be a positive whole number, got -3$/,
    ],
    ['an unknown symbol', 'XYZ', 'buy', 1, /^unknown symbol 'XYZ'$/],
  ])(
    'fails on %s, with P0001 and a clear message, leaving the portfolio as it was',
    async (_, symbol, side, quantity, message) => {
      const countTrades = async () =>
        (await db.pg.psql(['-At', '-c', 'SELECT count(*) FROM api.trades'])).stdout;
      const before = { portfolio: await portfolio(), trades: await countTrades() };
      const error = await refusal(() => trade(symbol, side, quantity));
      expect(error.code).toBe('P0001');
      expect(error.message).toMatch(message);
      expect({ portfolio: await portfolio(), trades: await countTrades() }).toEqual(before);
    },
  );

  test('an unknown symbol comes with a hint listing the known ones', async () => {
    const error = await refusal(() => trade('NOPE', 'buy', 1));
    expect(error.hint).toBe('known symbols: ACME, GLBX, INIT');
  });

  test("the nightly report counts the last day's real trades per stock, and not older ones", async () => {
    await trade('INIT', 'buy', 5);
    await trade('INIT', 'buy', 2);
    await trade('INIT', 'sell', 3);
    // A trade from two days ago, outside the report's window (only the owner can write one).
    const old = await db.pg.psql([
      '-c',
      `INSERT INTO api.trades (account_id, symbol, side, quantity, price_cents, executed_at)
       VALUES (1, 'GLBX', 'buy', 7, 100, now() - interval '2 days')`,
    ]);
    expect(old.status).toBe(0);
    const expected = await db.pg.psql([
      '-At',
      '-c',
      `SELECT symbol, round(sum(quantity * price_cents) / 100.0, 2) FROM api.trades
        WHERE executed_at > now() - interval '1 day' GROUP BY symbol ORDER BY symbol`,
    ]);
    const volume = Object.fromEntries(rows(expected.stdout));

    const report = await db.psqlWithPasswordFile(DB.owner, db.pg.ownerPasswordFile, [
      '-v',
      'ON_ERROR_STOP=1',
      '-A',
      '-f',
      SQL.report,
    ]);
    expect(report.stderr).toBe('');
    expect(report.status).toBe(0);
    const lines = report.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Trading report for the 24 hours to \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(lines.slice(2)).toEqual([
      'symbol|company|trades|shares_bought|shares_sold|volume_usd',
      `ACME|Acme Corporation|2|10|4|${volume.ACME}`,
      'GLBX|Globex|0|0|0|0.00',
      `INIT|Initech|3|7|3|${volume.INIT}`,
    ]);
  }, 60_000);
});
