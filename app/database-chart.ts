import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { EnvValue, Probe, StatefulApp } from '../src';
import { EnvironmentConfig } from './environments';
import { IMAGES } from './images';
import { PART_OF } from './labels';
import { SECRETS } from './secrets';

/** The database's name and owner (the postgres image's POSTGRES_DB and POSTGRES_USER). */
export const DATABASE = {
  name: 'trading',
  user: 'trader',
} as const;

/**
 * The environment variables a PostgreSQL client needs to reach the database as `user`, with the
 * password read from the file named by `PGPASSWORD_FILE` (see `app/sql/psql-password-file.ts`).
 *
 * @param host the database Service's host name
 * @param user the role to log in as
 * @param passwordFile the mounted file that holds its password
 */
export function databaseClientEnv(
  host: string,
  user: string,
  passwordFile: string,
): Record<string, EnvValue> {
  return {
    PGHOST: EnvValue.fromValue(host),
    PGDATABASE: EnvValue.fromValue(DATABASE.name),
    PGUSER: EnvValue.fromValue(user),
    PGPASSWORD_FILE: EnvValue.fromValue(passwordFile),
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
      partOf: PART_OF,
      ports: [{ name: 'postgres', containerPort: 5432 }],
      readiness: Probe.exec(ready),
      liveness: Probe.tcp(),
      startup: Probe.exec(ready, { failureThreshold: 30 }),
      env: {
        POSTGRES_DB: EnvValue.fromValue(DATABASE.name),
        POSTGRES_USER: EnvValue.fromValue(DATABASE.user),
        // The image's entrypoint reads the password from this file when it creates the database
        // (on the first start, with an empty volume); it is never in the environment.
        POSTGRES_PASSWORD_FILE: EnvValue.fromValue(SECRETS.db.files.password),
        PGDATA: EnvValue.fromValue('/var/lib/postgresql/data/pgdata'),
      },
      resources: env.database.resources,
      volumes: SECRETS.db.volumes,
      volumeClaims: { data: { storage: env.database.storage } },
      volumeMounts: [{ volume: 'data', path: '/var/lib/postgresql/data' }, SECRETS.db.mount],
      writablePaths: ['/var/run/postgresql', '/tmp'],
      // The one pod that does not run as 10001. The entrypoint runs initdb as the pod's user, and
      // initdb refuses a user ID that /etc/passwd does not name: the Debian variant of the image
      // fakes an entry with nss_wrapper, this Alpine one has none. So the pod runs as the image's
      // own `postgres` user, UID/GID 70, which then owns PGDATA (mode 0700, as the server
      // demands); fsGroup 70 lets it create that folder on the fresh volume.
      podSecurity: { runAsUser: 70, runAsGroup: 70 },
    });
  }
}
