import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from './files';
import {
  RunOptions,
  RunResult,
  Server,
  freePort,
  run,
  startServer,
  userIds,
  waitFor,
} from './processes';
import { POSTGRES_BIN } from './real-programs';

/** The database and owner the example uses (the postgres image's POSTGRES_DB and POSTGRES_USER). */
export const DB = { name: 'trading', owner: 'trader' } as const;

/** A running PostgreSQL server in a temporary folder, gone after {@link Postgres.stop}. */
export interface Postgres {
  /** TCP address; every TCP login needs a password (SCRAM). */
  readonly host: '127.0.0.1';
  readonly port: number;
  /** The folder holding the Unix socket, where local logins are trusted (for test set-up only). */
  readonly socketDir: string;
  /** The owner's password, and a file that holds it (mode 0440, as a Secret volume with fsGroup mounts it). */
  readonly ownerPassword: string;
  readonly ownerPasswordFile: string;
  /** A folder for the test's own files (secrets, pgpass), readable by psql. */
  readonly scratch: string;
  /** `libpq` variables that reach the database over TCP as `user`, without a password. */
  tcpEnv(user: string, database?: string): Record<string, string>;
  /** Runs `psql -X -v ON_ERROR_STOP=1 ...args` over the Unix socket as the owner, or with `options.env` over TCP. */
  psql(args: readonly string[], options?: RunOptions): Promise<RunResult>;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

const OS_USER = 'postgres';

/**
 * Starts Debian's PostgreSQL 15 in a fresh temporary folder on a free port of 127.0.0.1, with the
 * example's database and owner. PostgreSQL refuses to run as root, so when this process is root
 * the server runs as the `postgres` OS user, which owns the folder.
 */
export async function startPostgres(): Promise<Postgres> {
  const base = tempDir('cdk8s-webapp-pg-');
  const ids = userIds(OS_USER);
  const dataDir = path.join(base, 'data');
  const scratch = path.join(base, 'scratch');
  fs.mkdirSync(scratch);
  const ownerPassword = `owner:pw\\${Date.now()}`;
  const ownerPasswordFile = path.join(scratch, 'owner-password');
  fs.writeFileSync(ownerPasswordFile, `${ownerPassword}\n`, { mode: 0o440 });
  if (ids) {
    fs.chownSync(base, ids.uid, ids.gid);
    fs.chownSync(ownerPasswordFile, 0, ids.gid);
  }
  fs.chmodSync(base, 0o755);
  fs.chmodSync(scratch, 0o755);

  const initdb = await run(
    `${POSTGRES_BIN}/initdb`,
    [
      '--pgdata',
      dataDir,
      '--username',
      DB.owner,
      '--pwfile',
      ownerPasswordFile,
      '--auth-local',
      'trust',
      '--auth-host',
      'scram-sha-256',
      '--encoding',
      'UTF8',
      '--no-locale',
      '--no-sync',
    ],
    { user: ids ? OS_USER : undefined },
  );
  if (initdb.status !== 0) throw new Error(`initdb failed:\n${initdb.stdout}${initdb.stderr}`);

  const port = await freePort();
  const server: Server = startServer(
    `${POSTGRES_BIN}/postgres`,
    ['-D', dataDir, '-k', base, '-h', '127.0.0.1', '-p', String(port), '-c', 'fsync=off'],
    { user: ids ? OS_USER : undefined },
  );

  const socketEnv = {
    PGHOST: base,
    PGPORT: String(port),
    PGUSER: DB.owner,
    PGDATABASE: 'postgres',
  };
  const psql = (args: readonly string[], options: RunOptions = {}) =>
    run('psql', ['-X', '-v', 'ON_ERROR_STOP=1', ...args], {
      ...options,
      env: { ...socketEnv, PGPASSWORD: undefined, PGPASSFILE: undefined, ...options.env },
    });

  const stop = async () => {
    await server.stop('SIGINT');
    fs.rmSync(base, { recursive: true, force: true });
  };
  try {
    await waitFor('PostgreSQL to accept connections', async () => {
      if (server.exited()) throw new Error(`postgres exited:\n${server.output()}`);
      const ready = await run(`${POSTGRES_BIN}/pg_isready`, ['-q', '-h', base, '-p', String(port)]);
      return ready.status === 0 ? true : undefined;
    });
    const created = await psql(['-c', `CREATE DATABASE ${DB.name} OWNER ${DB.owner}`]);
    if (created.status !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr}`);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    host: '127.0.0.1',
    port,
    socketDir: base,
    ownerPassword,
    ownerPasswordFile,
    scratch,
    tcpEnv: (user, database = DB.name) => ({
      PGHOST: '127.0.0.1',
      PGPORT: String(port),
      PGUSER: user,
      PGDATABASE: database,
    }),
    psql: (args, options = {}) =>
      psql(args, { ...options, env: { PGDATABASE: DB.name, ...options.env } }),
    stop,
  };
}
