import * as fs from 'fs';
import * as path from 'path';
import { PSQL_WITH_PASSWORD_FILE } from '../../app/sql/psql-password-file';
import { ROOT } from './files';
import { RunResult, run } from './processes';
import { DB, Postgres, startPostgres } from './postgres';

/** The example's SQL files. */
export const SQL = {
  migration: path.join(ROOT, 'app', 'sql', 'migration.sql'),
  report: path.join(ROOT, 'app', 'sql', 'report.sql'),
} as const;

/** A real database with the example's schema, and the secrets files the pods would mount. */
export interface ExampleDatabase {
  readonly pg: Postgres;
  /** The password of `authenticator` (PostgREST's login), and the file it is read from. */
  readonly apiPassword: string;
  readonly apiPasswordFile: string;
  /** A file holding PostgREST's `db-uri` (for `db-uri = "@<file>"`), with the password percent-encoded. */
  readonly dbUriFile: string;
  /** Runs `psql` through the password-file wrapper over TCP, as the pods do. */
  psqlWithPasswordFile(
    user: string,
    passwordFile: string,
    args: readonly string[],
    extraEnv?: Record<string, string>,
    shell?: readonly string[],
  ): Promise<RunResult>;
  /** Runs the migration as the owner, the way the migration Job does. */
  migrate(): Promise<RunResult>;
}

/** Starts PostgreSQL and applies the migration once; fails with psql's output if it does not apply. */
export async function startExampleDatabase(): Promise<ExampleDatabase> {
  const pg = await startPostgres();
  const apiPassword = `api:pw\\with 'quotes' ${Date.now()}`;
  const apiPasswordFile = path.join(pg.scratch, 'api-password');
  fs.writeFileSync(apiPasswordFile, `${apiPassword}\n`, { mode: 0o440 });
  const dbUriFile = path.join(pg.scratch, 'db-uri');
  fs.writeFileSync(
    dbUriFile,
    `postgres://authenticator:${encodeURIComponent(apiPassword)}@${pg.host}:${pg.port}/${DB.name}\n`,
    { mode: 0o440 },
  );

  const psqlWithPasswordFile: ExampleDatabase['psqlWithPasswordFile'] = (
    user,
    passwordFile,
    args,
    extraEnv = {},
    shell = ['sh'],
  ) => {
    const tmp = fs.mkdtempSync(path.join(pg.scratch, 'tmp-'));
    return run(
      shell[0],
      [...shell.slice(1), '-c', PSQL_WITH_PASSWORD_FILE, 'psql', '-X', ...args],
      {
        env: {
          ...pg.tcpEnv(user),
          PGPASSWORD_FILE: passwordFile,
          PGPASSWORD: undefined,
          PGPASSFILE: undefined,
          TMPDIR: tmp,
          ...extraEnv,
        },
      },
    );
  };
  const migrate = () =>
    psqlWithPasswordFile(
      DB.owner,
      pg.ownerPasswordFile,
      ['-v', 'ON_ERROR_STOP=1', '-f', SQL.migration],
      {
        API_PASSWORD_FILE: apiPasswordFile,
      },
    );

  const first = await migrate();
  if (first.status !== 0) {
    await pg.stop();
    throw new Error(`migration failed:\n${first.stdout}${first.stderr}`);
  }
  return { pg, apiPassword, apiPasswordFile, dbUriFile, psqlWithPasswordFile, migrate };
}
