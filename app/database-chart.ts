import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { EnvValue, Probe, StatefulApp } from '../src';
import { EnvironmentConfig } from './environments';
import { IMAGES } from './images';

/** The database's name, user and the Secret that holds its password (created by hand, never synthesized). */
export const DATABASE = {
  name: 'trading',
  user: 'trader',
  secretName: 'stock-db',
  secretKey: 'password',
} as const;

/** The environment variables a PostgreSQL client needs to reach the database. */
export function databaseClientEnv(host: string): Record<string, EnvValue> {
  return {
    PGHOST: EnvValue.fromValue(host),
    PGDATABASE: EnvValue.fromValue(DATABASE.name),
    PGUSER: EnvValue.fromValue(DATABASE.user),
    PGPASSWORD: EnvValue.fromSecret(DATABASE.secretName, DATABASE.secretKey),
  };
}

/**
 * PostgreSQL in a StatefulSet whose data lives on a PersistentVolumeClaim, so a rescheduled pod
 * loses nothing; reachable only through its ClusterIP Service, by the workloads allowed to.
 */
export class DatabaseChart extends Chart {
  /** The database. */
  public readonly db: StatefulApp;

  public constructor(scope: Construct, id: string, env: EnvironmentConfig) {
    super(scope, id, { namespace: env.namespace, disableResourceNameHashes: true });
    const ready = ['pg_isready', '-U', DATABASE.user, '-d', DATABASE.name];
    this.db = new StatefulApp(this, 'db', {
      image: IMAGES.database,
      partOf: 'stock-trader',
      ports: [{ name: 'postgres', containerPort: 5432 }],
      readiness: Probe.exec(ready),
      liveness: Probe.tcp(),
      startup: Probe.exec(ready, { failureThreshold: 30 }),
      env: {
        POSTGRES_DB: EnvValue.fromValue(DATABASE.name),
        POSTGRES_USER: EnvValue.fromValue(DATABASE.user),
        POSTGRES_PASSWORD: EnvValue.fromSecret(DATABASE.secretName, DATABASE.secretKey),
        PGDATA: EnvValue.fromValue('/var/lib/postgresql/data/pgdata'),
      },
      resources: env.database.resources,
      volumeClaims: { data: { storage: env.database.storage } },
      volumeMounts: [{ volume: 'data', path: '/var/lib/postgresql/data' }],
      writablePaths: ['/var/run/postgresql', '/tmp'],
      podSecurity: { runAsUser: 70, runAsGroup: 70 },
    });
  }
}
