import { Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { CronJob, EnvValue, Job, StatefulApp, Volume } from '../src';
import { DATABASE, databaseClientEnv } from './database-chart';
import { EnvironmentConfig } from './environments';
import { IMAGES } from './images';
import { PART_OF, appLabels } from './labels';
import { ExampleParts } from './parts';
import { SECRETS } from './secrets';
import { PSQL_WITH_PASSWORD_FILE } from './sql/psql-password-file';

/** Where the Job and the CronJob find their SQL script. */
const SQL_DIR = '/sql';

/**
 * `psql` running a script as the database owner, through the wrapper that turns the mounted
 * password file into a 0600 `PGPASSFILE` in the writable `/tmp` (see
 * `app/sql/psql-password-file.ts`); `-X` reads no `~/.psqlrc`, so nothing changes the script.
 */
function psqlScript(file: string): string[] {
  return [
    'sh',
    '-c',
    PSQL_WITH_PASSWORD_FILE,
    'psql',
    '-X',
    '-v',
    'ON_ERROR_STOP=1',
    '-f',
    `${SQL_DIR}/${file}`,
  ];
}

/**
 * Batch work against the database: a one-off Job that migrates the schema (`app/sql/migration.sql`:
 * schema `api`, the roles PostgREST uses, seed data), and a CronJob that prints the nightly
 * trading report (`app/sql/report.sql`). Both run `psql` from the database's own image as UID/GID
 * 10001 (a client needs no entry in /etc/passwd), with each script in a ConfigMap and the
 * passwords as files.
 */
export class BatchChart extends Chart {
  /** The schema migration. */
  public readonly migrate: Job;
  /** The nightly report. */
  public readonly report: CronJob;

  public constructor(
    scope: Construct,
    id: string,
    env: EnvironmentConfig,
    db: StatefulApp,
    parts: ExampleParts,
  ) {
    super(scope, id, { namespace: env.namespace, disableResourceNameHashes: true });
    const owner = databaseClientEnv(db.serviceHost, DATABASE.user, SECRETS.db.files.password);
    // pg_isready asks whether the server accepts connections, without logging in.
    const { PGPASSWORD_FILE: _password, ...address } = owner;
    const sqlMount = { volume: 'sql', path: SQL_DIR, readOnly: true };

    const migration = new k8s.KubeConfigMap(this, 'MigrationSql', {
      metadata: { name: 'migrate-sql', labels: appLabels('migrate', 'migration') },
      data: { 'migration.sql': parts.migrationSql },
    });
    this.migrate = new Job(this, 'migrate', {
      image: IMAGES.database,
      partOf: PART_OF,
      component: 'migration',
      command: psqlScript('migration.sql'),
      argoCdHook: env.database.migrationHook && { phase: env.database.migrationHook },
      // The migration sets the password of `authenticator`, PostgREST's login, from this file.
      env: { ...owner, API_PASSWORD_FILE: EnvValue.fromValue(SECRETS.api.files.password) },
      volumes: {
        sql: Volume.fromConfigMap(migration),
        ...SECRETS.db.volumes,
        ...SECRETS.api.volumes,
      },
      volumeMounts: [sqlMount, SECRETS.db.mount, SECRETS.api.mount],
      writablePaths: ['/tmp'],
      initContainers: [
        {
          name: 'wait-for-db',
          image: IMAGES.database,
          env: address,
          command: ['sh', '-c', `until pg_isready -U ${DATABASE.user}; do sleep 2; done`],
        },
      ],
      activeDeadline: Duration.minutes(5),
    });

    const report = new k8s.KubeConfigMap(this, 'ReportSql', {
      metadata: { name: 'nightly-report-sql', labels: appLabels('nightly-report', 'report') },
      data: { 'report.sql': parts.reportSql },
    });
    this.report = new CronJob(this, 'nightly-report', {
      image: IMAGES.database,
      partOf: PART_OF,
      component: 'report',
      schedule: '0 6 * * *',
      timeZone: 'Etc/UTC',
      command: psqlScript('report.sql'),
      env: owner,
      volumes: { sql: Volume.fromConfigMap(report), ...SECRETS.db.volumes },
      volumeMounts: [sqlMount, SECRETS.db.mount],
      writablePaths: ['/tmp'],
      activeDeadline: Duration.minutes(15),
    });
    this.migrate.connectTo(db);
    this.report.connectTo(db);
  }
}
