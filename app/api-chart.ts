import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { EnvValue, Probe, StatefulApp, WebApp } from '../src';
import { databaseClientEnv } from './database-chart';
import { EnvironmentConfig } from './environments';
import { IMAGES } from './images';
import { PART_OF } from './labels';
import { SECRETS } from './secrets';
import { PSQL_WITH_PASSWORD_FILE } from './sql/psql-password-file';
import { WAIT_FOR_LOGIN } from './sql/wait-for-login';

/** PostgREST's settings that the other charts and the database's SQL rely on. */
export const API = {
  /** The port of the REST API, in the pod and on the Service `api`. */
  port: 3000,
  /** The port of PostgREST's admin server: `/live` and `/ready`, for the probes only. */
  adminPort: 3001,
  /** The schema it serves (created by the migration). */
  schema: 'api',
  /** The role every anonymous request runs as (created by the migration). */
  anonRole: 'web_anon',
  /** The role it logs in as (created by the migration, password from the Secret `stock-api`). */
  loginRole: 'authenticator',
} as const;

/**
 * The REST API: PostgREST serving the database's schema `api` on port 3000, behind the ClusterIP
 * Service `api`, which only the web pods may reach. Its connection string, with the password of
 * `authenticator`, is a file of the Secret `stock-api`; an init container waits until that role
 * can log in, that is until the migration Job has run.
 */
export class ApiChart extends Chart {
  /** PostgREST. */
  public readonly api: WebApp;

  public constructor(scope: Construct, id: string, env: EnvironmentConfig, db: StatefulApp) {
    super(scope, id, { namespace: env.namespace, disableResourceNameHashes: true });
    this.api = new WebApp(this, 'api', {
      image: IMAGES.api,
      partOf: PART_OF,
      component: 'api',
      replicas: env.api.replicas,
      // The admin port is on the Service too (a WebApp exposes every port it probes), but the
      // NetworkPolicy admits the web pods on 3000 alone; the kubelet's probes are not subject to it.
      ports: [
        { name: 'http', containerPort: API.port },
        { name: 'admin', containerPort: API.adminPort },
      ],
      // /ready: connected to the database with its schema cache loaded; /live: the API answers.
      readiness: Probe.httpGet('/ready', { port: 'admin' }),
      liveness: Probe.httpGet('/live', { port: 'admin' }),
      env: {
        // '@' + a file: PostgREST reads the connection string from the mounted Secret.
        PGRST_DB_URI: EnvValue.fromValue(`@${SECRETS.api.files['db-uri']}`),
        PGRST_DB_SCHEMAS: EnvValue.fromValue(API.schema),
        PGRST_DB_ANON_ROLE: EnvValue.fromValue(API.anonRole),
        PGRST_SERVER_PORT: EnvValue.fromValue(String(API.port)),
        PGRST_ADMIN_SERVER_PORT: EnvValue.fromValue(String(API.adminPort)),
      },
      resources: env.api.resources,
      volumes: SECRETS.api.volumes,
      volumeMounts: [SECRETS.api.mount],
      initContainers: [
        {
          name: 'wait-for-migration',
          image: IMAGES.database,
          command: ['sh', '-c', WAIT_FOR_LOGIN, PSQL_WITH_PASSWORD_FILE],
          env: databaseClientEnv(db.serviceHost, API.loginRole, SECRETS.api.files.password),
          volumeMounts: [SECRETS.api.mount],
          writablePaths: ['/tmp'],
        },
      ],
    });
    this.api.connectTo(db);
  }
}
