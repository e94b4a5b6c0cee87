import { Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { CronJob, Job, StatefulApp, Volume } from '../src';
import { DATABASE, databaseClientEnv } from './database-chart';
import { EnvironmentConfig } from './environments';
import { IMAGES } from './images';

/** The schema the migration Job applies; idempotent, so a re-run changes nothing. */
export const SCHEMA_SQL = `CREATE TABLE IF NOT EXISTS stocks (
  symbol text PRIMARY KEY,
  company text NOT NULL
);
CREATE TABLE IF NOT EXISTS trades (
  id bigserial PRIMARY KEY,
  symbol text NOT NULL REFERENCES stocks,
  quantity integer NOT NULL,
  price_cents bigint NOT NULL,
  executed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO stocks VALUES
  ('ACME', 'Acme Corporation'), ('INIT', 'Initech'), ('GLBX', 'Globex')
  ON CONFLICT DO NOTHING;
`;

/** The nightly report: yesterday's volume per stock. */
export const REPORT_SQL =
  'SELECT symbol, count(*) AS trades, sum(quantity) AS shares FROM trades ' +
  "WHERE executed_at > now() - interval '1 day' GROUP BY symbol ORDER BY symbol;";

/**
 * Batch work against the database: a one-off Job that migrates the schema, and a CronJob that
 * prints the nightly trading report. Both run `psql` from the database's own image.
 */
export class BatchChart extends Chart {
  /** The schema migration. */
  public readonly migrate: Job;
  /** The nightly report. */
  public readonly report: CronJob;

  public constructor(scope: Construct, id: string, env: EnvironmentConfig, db: StatefulApp) {
    super(scope, id, { namespace: env.namespace, disableResourceNameHashes: true });
    new k8s.KubeConfigMap(this, 'Schema', {
      metadata: { name: 'db-schema', labels: { 'app.kubernetes.io/part-of': 'stock-trader' } },
      data: { 'schema.sql': SCHEMA_SQL },
    });
    const client = { image: IMAGES.database, env: databaseClientEnv(db.serviceHost) };
    this.migrate = new Job(this, 'migrate', {
      ...client,
      partOf: 'stock-trader',
      component: 'migration',
      command: ['psql', '-v', 'ON_ERROR_STOP=1', '-f', '/sql/schema.sql'],
      volumes: { sql: Volume.fromConfigMap('db-schema') },
      volumeMounts: [{ volume: 'sql', path: '/sql', readOnly: true }],
      initContainers: [
        {
          ...client,
          name: 'wait-for-db',
          command: ['sh', '-c', `until pg_isready -U ${DATABASE.user}; do sleep 2; done`],
        },
      ],
      activeDeadline: Duration.minutes(5),
    });
    this.report = new CronJob(this, 'nightly-report', {
      ...client,
      partOf: 'stock-trader',
      component: 'report',
      schedule: '0 6 * * *',
      timeZone: 'Etc/UTC',
      command: ['psql', '-v', 'ON_ERROR_STOP=1', '-c', REPORT_SQL],
      activeDeadline: Duration.minutes(15),
    });
    this.migrate.connectTo(db);
    this.report.connectTo(db);
  }
}
