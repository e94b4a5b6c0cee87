/**
 * A STAND-IN FOR POSTGREST, for tests only. PostgREST (the API server the example runs in the
 * cluster, `postgrest/postgrest:v12.2.3`) cannot be installed on this machine, so this small
 * node:http server answers the few requests the page makes the way PostgREST's documentation says
 * PostgREST does, against the real database:
 *
 * - `GET /<view>` with `select` (a list of column names), `order` (`col.asc|desc`, nulls
 *   first/last) and `limit`/`offset`: a JSON array built in the database with `json_agg`, as
 *   PostgREST builds its bodies (so bigint is a JSON number).
 * - `POST /rpc/<function>` with a JSON object body whose keys are the function's argument names,
 *   passed as named arguments through `json_to_record`; the function's JSON result is the body.
 * - Errors as `{code, details, hint, message}` with PostgREST's SQLSTATE-to-HTTP table (P0001 400,
 *   42501 401 for the anonymous role, 42P01 and 42883 404, 23505 409, ...), and PGRST codes for
 *   what it refuses itself.
 *
 * Like PostgREST, it logs in as `authenticator` over TCP with the password from `db-uri` (which
 * may be `@file`: the connection string is read from that file), and runs each request in its own
 * transaction (read-only for GET) after `SET LOCAL ROLE web_anon` and `SET LOCAL search_path`, so
 * the database's grants are what allow or refuse each request. It implements nothing else
 * (filters, embedding, JWT, OpenAPI, Prefer headers, the schema cache): a request outside this
 * list gets a 400 saying the stand-in does not support it.
 */
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import { DatabaseError, Pool, PoolClient } from 'pg';

/** Settings, named after PostgREST's own. */
export interface StandInConfig {
  /** `db-uri`: a connection string, or `@path` to read it from a file. */
  readonly dbUri: string;
  /** `db-schemas`: the one schema served. */
  readonly dbSchema: string;
  /** `db-anon-role`: the role every request runs as. */
  readonly dbAnonRole: string;
}

/** A running stand-in. */
export interface PostgrestStandIn {
  readonly url: string;
  readonly port: number;
  /** Requests answered so far, as `METHOD path status`. */
  readonly log: readonly string[];
  stop(): Promise<void>;
}

interface ApiError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details?: string | null;
  readonly hint?: string | null;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** PostgREST's documented mapping of SQLSTATE to HTTP status (errors reference, v12). */
export function httpStatusOf(sqlstate: string, authenticated = false): number {
  const exact: Record<string, number> = {
    '23503': 409,
    '23505': 409,
    '25006': 405,
    '53400': 500,
    P0001: 400,
    '42883': 404,
    '42P01': 404,
    '42501': authenticated ? 403 : 401,
  };
  if (Object.hasOwn(exact, sqlstate)) return exact[sqlstate];
  const byClass: Record<string, number> = {
    '08': 503,
    '09': 500,
    '0L': 403,
    '0P': 403,
    '25': 500,
    '28': 403,
    '2D': 500,
    '38': 500,
    '39': 500,
    '3B': 500,
    '40': 500,
    '53': 503,
    '54': 500,
    '55': 500,
    '57': 500,
    '58': 500,
    F0: 500,
    HV: 500,
    P0: 500,
    XX: 500,
  };
  return byClass[sqlstate.slice(0, 2)] ?? 400;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function refuse(status: number, code: string, message: string, hint: string | null = null): never {
  throw { status, code, message, details: null, hint } satisfies ApiError;
}

function identifier(name: string, what: string): string {
  if (!IDENTIFIER.test(name)) {
    refuse(400, 'PGRST100', `"${name}" is not a ${what} the stand-in for PostgREST supports`);
  }
  return quoteIdent(name);
}

/** The SELECT list, and the ORDER BY and LIMIT/OFFSET clauses, of a `GET /<view>` query string. */
function readQuery(params: URLSearchParams): { columns: string; clauses: string } {
  let columns = '*';
  let order = '';
  let limit = '';
  for (const [name, value] of params) {
    if (name === 'select') {
      columns =
        value === '*'
          ? '*'
          : value
              .split(',')
              .map((c) => identifier(c.trim(), 'column'))
              .join(', ');
    } else if (name === 'order') {
      const terms = value.split(',').map((term) => {
        const [column, ...modifiers] = term.trim().split('.');
        const sql = [identifier(column, 'column')];
        for (const m of modifiers) {
          const keyword = {
            asc: 'ASC',
            desc: 'DESC',
            nullsfirst: 'NULLS FIRST',
            nullslast: 'NULLS LAST',
          }[m];
          if (!keyword) refuse(400, 'PGRST100', `"failed to parse order (${value})"`);
          sql.push(keyword);
        }
        return sql.join(' ');
      });
      order = ` ORDER BY ${terms.join(', ')}`;
    } else if (name === 'limit' || name === 'offset') {
      if (!/^\d+$/.test(value)) refuse(400, 'PGRST100', `"failed to parse ${name} (${value})"`);
      limit += ` ${name.toUpperCase()} ${Number(value)}`;
    } else {
      refuse(400, 'PGRST100', `the stand-in for PostgREST supports no filter such as "${name}"`);
    }
  }
  return { columns, clauses: `${order}${limit}` };
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
}

/** Runs `work` in a transaction as the anonymous role, as PostgREST does for every request. */
async function asAnon<T>(
  pool: Pool,
  config: StandInConfig,
  readOnly: boolean,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(readOnly ? 'BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY' : 'BEGIN');
    await client.query(`SET LOCAL ROLE ${quoteIdent(config.dbAnonRole)}`);
    await client.query(`SET LOCAL search_path TO ${quoteIdent(config.dbSchema)}, public`);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function getView(pool: Pool, config: StandInConfig, view: string, params: URLSearchParams) {
  const from = `${quoteIdent(config.dbSchema)}.${identifier(view, 'table or view')}`;
  const { columns, clauses } = readQuery(params);
  const sql =
    `SELECT coalesce(json_agg(_postgrest_t), '[]')::text AS body, count(*)::int AS n ` +
    `FROM (SELECT ${columns} FROM ${from}${clauses}) _postgrest_t`;
  const { rows } = await asAnon(pool, config, true, (client) => client.query(sql));
  const n: number = rows[0].n;
  return {
    body: rows[0].body as string,
    headers: { 'Content-Range': n > 0 ? `0-${n - 1}/*` : '*/*' },
  };
}

async function callFunction(pool: Pool, config: StandInConfig, name: string, rawBody: string) {
  let args: unknown;
  try {
    args = JSON.parse(rawBody);
  } catch (error) {
    refuse(400, 'PGRST102', `Empty or invalid json: ${(error as Error).message}`);
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    refuse(400, 'PGRST102', 'the stand-in for PostgREST takes a JSON object of named arguments');
  }
  const keys = Object.keys(args).sort();
  // PostgREST finds the function in its schema cache by schema, name and argument names.
  const found = await pool.query(
    `SELECT p.proargnames AS names,
            array(SELECT format_type(t, NULL) FROM unnest(p.proargtypes) t) AS types,
            p.pronargdefaults AS defaults
       FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.proname = $2`,
    [config.dbSchema, name],
  );
  const match = found.rows.find(
    (f: { names: string[] | null; types: string[]; defaults: number }) => {
      const names = f.names ?? [];
      const required = names.slice(0, names.length - f.defaults);
      return keys.every((k) => names.includes(k)) && required.every((r) => keys.includes(r));
    },
  );
  if (!match) {
    refuse(
      404,
      'PGRST202',
      `Could not find the function ${config.dbSchema}.${name}(${keys.join(', ')}) in the schema cache`,
      'Perhaps you meant to call a function with other argument names.',
    );
  }
  const used = (match.names as string[]).filter((n) => keys.includes(n));
  const types = used.map((n) => match.types[(match.names as string[]).indexOf(n)]);
  const call = used.map((n) => `${quoteIdent(n)} := _args.${quoteIdent(n)}`).join(', ');
  const record = used.map((n, i) => `${quoteIdent(n)} ${types[i]}`).join(', ');
  const fn = `${quoteIdent(config.dbSchema)}.${quoteIdent(name)}`;
  const sql =
    used.length > 0
      ? `SELECT to_json(${fn}(${call}))::text AS body FROM json_to_record($1::json) AS _args(${record})`
      : `SELECT to_json(${fn}())::text AS body`;
  const { rows } = await asAnon(pool, config, false, (client) =>
    client.query(sql, used.length > 0 ? [rawBody] : []),
  );
  return { body: rows[0].body as string, headers: {} };
}

function asApiError(error: unknown): ApiError {
  if (error instanceof DatabaseError) {
    const code = error.code ?? 'XX000';
    return {
      status: httpStatusOf(code),
      code,
      details: error.detail ?? null,
      hint: error.hint ?? null,
      message: error.message,
    };
  }
  if (typeof error === 'object' && error !== null && 'status' in error) return error as ApiError;
  const message = error instanceof Error ? error.message : String(error);
  // No SQLSTATE: the database could not be reached (PostgREST's PGRST000/001).
  return { status: 503, code: 'PGRST001', message, details: null, hint: null };
}

/** Starts the stand-in on a free port of 127.0.0.1. */
export async function startPostgrestStandIn(config: StandInConfig): Promise<PostgrestStandIn> {
  const connectionString = config.dbUri.startsWith('@')
    ? fs.readFileSync(config.dbUri.slice(1), 'utf8').trim()
    : config.dbUri;
  const pool = new Pool({ connectionString, max: 4 });
  // The pool drops an idle connection the server ends (PostgreSQL stopping, even just after
  // `stop()`: pool.end() does not wait for the goodbyes), as PostgREST reconnects; without a
  // listener, pg would raise it as an unhandled error.
  pool.on('error', () => undefined);
  // Fail at start-up when authenticator cannot log in, as PostgREST reports it at once.
  (await pool.connect()).release();
  const log: string[] = [];

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const answer = async () => {
      const rpc = /^\/rpc\/([^/]+)$/.exec(url.pathname);
      const view = /^\/([^/]+)$/.exec(url.pathname);
      if (rpc && request.method === 'POST') {
        if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
          refuse(415, 'PGRST107', 'The stand-in for PostgREST takes only application/json');
        }
        return callFunction(pool, config, rpc[1], await readBody(request));
      }
      if (view && !rpc && (request.method === 'GET' || request.method === 'HEAD')) {
        return getView(pool, config, view[1], url.searchParams);
      }
      return refuse(
        404,
        'PGRST125',
        `the stand-in for PostgREST does not serve ${request.method} ${url.pathname}`,
      );
    };
    answer().then(
      ({ body, headers }) => {
        log.push(`${request.method} ${url.pathname} 200`);
        response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        const e = asApiError(error);
        log.push(`${request.method} ${url.pathname} ${e.status}`);
        response.writeHead(e.status, { 'Content-Type': 'application/json; charset=utf-8' });
        response.end(
          JSON.stringify({
            code: e.code,
            details: e.details ?? null,
            hint: e.hint ?? null,
            message: e.message,
          }),
        );
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    stop() {
      stopped ??= (async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        await pool.end();
      })();
      return stopped;
    },
  };
}
