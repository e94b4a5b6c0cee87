import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import { ENVIRONMENTS, EnvironmentConfig } from '../app/environments';
import { PAGE_FILES } from '../app/parts';
import { PSQL_WITH_PASSWORD_FILE } from '../app/sql/psql-password-file';
import { WAIT_FOR_LOGIN } from '../app/sql/wait-for-login';
import { buildStockTrader } from '../app/stock-trader';
import { checkDocuments } from '../gate';
import { podTemplateOf, toKubeObject } from '../model';
import { namespacesOf } from '../tools/diagram/namespaces';
import { readNetworkPolicies } from '../tools/diagram/network';
import { ROOT } from './support/files';
import { Manifest, only, podSpecOf } from './support/synth';
import { DeployGraph } from '../runtime';

/** Every chart of the example for one environment, in file order, with its manifests. */
function synthEnvironment(env: EnvironmentConfig): { chart: string; manifests: Manifest[] }[] {
  const app: App = Testing.app();
  buildStockTrader(app, env);
  DeployGraph.of(app).annotate(); // as the synthesis does
  return app.charts.map((chart) => ({ chart: chart.node.id, manifests: Testing.synth(chart) }));
}

const environments = Object.values(ENVIRONMENTS).map((env) => [env.name, env] as const);

/** A committed part of the example (`app/site/...`, `app/sql/...`), as the tests of the parts read it. */
function part(...segments: string[]): string {
  return fs.readFileSync(path.join(ROOT, 'app', ...segments), 'utf8');
}

/** The container of a workload's pod by name (default: the main one, named after the workload). */
function containerOf(workload: Manifest, name = workload.metadata.name): Manifest {
  const pod = podSpecOf(workload);
  const found = [...pod.containers, ...(pod.initContainers ?? [])].find(
    (c: Manifest) => c.name === name,
  );
  if (!found) throw new Error(`${workload.metadata.name} has no container '${name}'`);
  return found;
}

/** A container's plain environment variables, by name. */
function envOf(container: Manifest): Record<string, string> {
  return Object.fromEntries(
    (container.env ?? []).map((e: Manifest) => [e.name, e.value ?? JSON.stringify(e.valueFrom)]),
  );
}

/**
 * What a path in a container is, after its mounts: a key of a ConfigMap or Secret, an emptyDir,
 * as `configMap <name> <key>`, `secret <name> <key>`, `emptyDir`.
 */
function mountedAt(workload: Manifest, container: Manifest, file: string): string {
  const pod = podSpecOf(workload);
  const mount = (container.volumeMounts ?? []).find(
    (m: Manifest) => file === m.mountPath || file.startsWith(`${m.mountPath}/`),
  );
  if (!mount) return 'not mounted';
  const volume = pod.volumes.find((v: Manifest) => v.name === mount.name);
  const key = file.slice(mount.mountPath.length + 1);
  if (volume.configMap) return `configMap ${volume.configMap.name} ${key}`;
  if (volume.secret) return `secret ${volume.secret.secretName} ${key}`;
  return Object.keys(volume).filter((k) => k !== 'name')[0];
}

/**
 * The connections the NetworkPolicies allow on both ends, read as the diagram reads them:
 * `client -> server port/protocol`, with workloads by name and peers outside the manifests by id.
 */
function allowedConnections(manifests: Manifest[]): string[] {
  const objects = manifests.map((doc, index) => toKubeObject({ file: 'app', index, doc }));
  const groups = objects.flatMap((o) => {
    const template = podTemplateOf(o);
    return template ? [{ id: o.name, namespace: o.namespace, template }] : [];
  });
  const namespaces = new Map(namespacesOf(objects).map((n) => [n.name, n.labels]));
  const network = readNetworkPolicies(objects, groups, namespaces);
  return network.allowances.flatMap((a) =>
    a.ports.map((port) => `${a.from} -> ${a.to} ${port}${a.blockedBy ? ' (blocked)' : ''}`),
  );
}

describe.each(environments)('the example app in %s', (_name, env) => {
  const charts = synthEnvironment(env);
  const all = charts.flatMap((c) => c.manifests);

  test('puts the Namespace first and each chart after what it needs', () => {
    expect(charts.map((c) => c.chart)).toEqual(['namespace', 'database', 'batch', 'api', 'web']);
    expect(charts[0].manifests).toEqual([
      expect.objectContaining({
        kind: 'Namespace',
        metadata: expect.objectContaining({ name: env.namespace }),
      }),
    ]);
    for (const manifest of all.filter((m) => m.kind !== 'Namespace')) {
      expect(manifest.metadata.namespace).toBe(env.namespace);
    }
  });

  test('enforces Pod Security Standards "restricted" on the Namespace', () => {
    expect(only(all, 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce']).toBe(
      'restricted',
    );
  });

  test('passes the manifest gate: strict Kubernetes 1.27 schema and every policy rule', () => {
    const report = checkDocuments(all.map((doc, i) => ({ file: `doc-${i}`, doc })));
    expect(report.findings).toEqual([]);
  });

  test('serves the site from a folder the web server shares with its helper', () => {
    const pod = podSpecOf(only(all, 'Deployment', 'web-blue'));
    const [server, helper] = pod.containers;
    const mountOf = (container: Manifest) =>
      container.volumeMounts.find((m: Manifest) => m.name === 'site');
    expect(mountOf(server)).toEqual({
      name: 'site',
      mountPath: '/usr/share/nginx/html',
      readOnly: true,
    });
    expect(mountOf(helper)).toEqual({ name: 'site', mountPath: '/site' });
    expect(pod.volumes).toContainEqual({ name: 'site', emptyDir: {} });
    expect(pod.initContainers.map((c: Manifest) => c.name)).toEqual(['content-seed']);
  });

  test('rolls out explicitly and keeps revision history for rollback', () => {
    for (const color of ['web-blue', 'web-green']) {
      const deployment = only(all, 'Deployment', color);
      expect(deployment.spec.strategy.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: 0 });
      expect(deployment.spec.revisionHistoryLimit).toBe(10);
      expect(deployment.metadata.annotations['kubernetes.io/change-cause']).toMatch(
        /^front end on nginx/,
      );
    }
  });

  test('switches traffic by pointing the live Service at the active release', () => {
    const live = only(all, 'Service', 'web');
    expect(live.spec.selector).toEqual({
      'app.kubernetes.io/name': `web-${env.web.active}`,
      'app.kubernetes.io/component': 'web',
    });
    expect(only(all, 'Ingress').spec.rules[0].http.paths[0].backend.service.name).toBe('web');
  });

  test('keeps the database internal: a ClusterIP Service reachable only from the API and the batch work', () => {
    expect(only(all, 'Service', 'db').spec.type).toBe('ClusterIP');
    const policy = only(all, 'NetworkPolicy', 'db');
    const sources = policy.spec.ingress.map(
      (rule: Manifest) => rule.from[0].podSelector.matchLabels['app.kubernetes.io/name'],
    );
    expect(sources).toEqual(['migrate', 'nightly-report', 'api']);
  });

  test('allows exactly browser -> web -> api -> db, the batch work to the database, and DNS', () => {
    const dns = (from: string) => [
      `${from} -> external/dns 53/UDP`,
      `${from} -> external/dns 53/TCP`,
    ];
    expect(allowedConnections(all).sort()).toEqual(
      [
        ...['migrate', 'nightly-report', 'api', 'web-blue', 'web-green', 'db'].flatMap(dns),
        'migrate -> db 5432/TCP',
        'nightly-report -> db 5432/TCP',
        'api -> db 5432/TCP',
        'web-blue -> api 3000/TCP',
        'web-green -> api 3000/TCP',
        // The live Service is a NodePort (minikube) or a LoadBalancer (production) ...
        'external/internet -> web-blue 8080/TCP',
        'external/internet -> web-green 8080/TCP',
        // ... and the Ingress's controller reaches the pods too.
        'external/ingress-controller -> web-blue 8080/TCP',
        'external/ingress-controller -> web-green 8080/TCP',
      ].sort(),
    );
  });

  test('runs every pod as UID/GID 10001, but PostgreSQL as its own user 70', () => {
    const identities = all
      .filter((m) => ['Deployment', 'StatefulSet', 'Job', 'CronJob'].includes(m.kind))
      .map((m) => {
        const { runAsUser, runAsGroup, fsGroup } = podSpecOf(m).securityContext;
        return `${m.metadata.name} ${runAsUser}:${runAsGroup} fsGroup ${fsGroup}`;
      });
    expect(identities.sort()).toEqual(
      [
        'db 70:70 fsGroup 70',
        'migrate 10001:10001 fsGroup 10001',
        'nightly-report 10001:10001 fsGroup 10001',
        'api 10001:10001 fsGroup 10001',
        'web-blue 10001:10001 fsGroup 10001',
        'web-green 10001:10001 fsGroup 10001',
      ].sort(),
    );
  });

  test('carries the page and the nginx template into ConfigMaps unchanged', () => {
    expect(only(all, 'ConfigMap', 'web-content').data).toEqual(
      Object.fromEntries(PAGE_FILES.map((file) => [file, part('site', file)])),
    );
    expect(only(all, 'ConfigMap', 'web-nginx-templates').data).toEqual({
      'default.conf.template': part('site', 'default.conf.template'),
    });
  });

  test.each([
    ['web-blue', 'blue'],
    ['web-green', 'green'],
  ])('runs nginx in %s from the template, as release %s, proxying to the API', (name, color) => {
    const web = only(all, 'Deployment', name);
    const nginx = containerOf(web);
    expect(envOf(nginx)).toEqual({
      RELEASE: color,
      API_URL: `http://api.${env.namespace}.svc.cluster.local:3000`,
      NGINX_ENTRYPOINT_LOCAL_RESOLVERS: '1',
      NGINX_ENVSUBST_FILTER: '^(RELEASE|API_URL|NGINX_LOCAL_RESOLVERS)$',
    });
    expect(mountedAt(web, nginx, '/etc/nginx/templates/default.conf.template')).toBe(
      'configMap web-nginx-templates default.conf.template',
    );
    expect(mountedAt(web, nginx, '/etc/nginx/conf.d/default.conf')).toBe('emptyDir');
    expect(mountedAt(web, nginx, '/usr/share/nginx/html/index.html')).toBe('emptyDir');
    expect(nginx.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(nginx.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
  });

  test('gives the web pods no database settings and no Secret', () => {
    for (const name of ['web-blue', 'web-green']) {
      const pod = podSpecOf(only(all, 'Deployment', name));
      const names = [...pod.containers, ...pod.initContainers].flatMap((c: Manifest) =>
        (c.env ?? []).map((e: Manifest) => e.name),
      );
      expect(names.filter((n: string) => n.startsWith('PG'))).toEqual([]);
      expect(JSON.stringify(pod)).not.toMatch(/secret/i);
    }
  });

  test.each([
    ['Job', 'migrate', 'migrate-sql', 'migration.sql', ['PGPASSWORD_FILE', 'API_PASSWORD_FILE']],
    ['CronJob', 'nightly-report', 'nightly-report-sql', 'report.sql', ['PGPASSWORD_FILE']],
  ])(
    'runs %s %s: psql through the password-file wrapper on the script of ConfigMap %s',
    (kind, name, configMap, script, passwordFiles) => {
      const workload = only(all, kind, name);
      const psql = containerOf(workload);
      expect(psql.command).toEqual([
        'sh',
        '-c',
        PSQL_WITH_PASSWORD_FILE,
        'psql',
        '-X',
        '-v',
        'ON_ERROR_STOP=1',
        '-f',
        `/sql/${script}`,
      ]);
      expect(mountedAt(workload, psql, `/sql/${script}`)).toBe(`configMap ${configMap} ${script}`);
      expect(only(all, 'ConfigMap', configMap).data).toEqual({ [script]: part('sql', script) });
      const variables = envOf(psql);
      expect(Object.keys(variables).filter((n) => n.endsWith('_FILE'))).toEqual(passwordFiles);
      expect(mountedAt(workload, psql, variables.PGPASSWORD_FILE)).toBe('secret stock-db password');
      if (variables.API_PASSWORD_FILE !== undefined) {
        expect(mountedAt(workload, psql, variables.API_PASSWORD_FILE)).toBe(
          'secret stock-api password',
        );
      }
      expect(variables).toMatchObject({ PGDATABASE: 'trading', PGUSER: 'trader' });
      expect(mountedAt(workload, psql, '/tmp/pgpass.x')).toBe('emptyDir');
    },
  );

  test('runs PostgREST behind the ClusterIP Service api, its connection string a file of stock-api', () => {
    const api = only(all, 'Deployment', 'api');
    const postgrest = containerOf(api);
    expect(postgrest.image).toBe('postgrest/postgrest:v12.2.3');
    const variables = envOf(postgrest);
    expect(variables).toEqual({
      PGRST_DB_URI: '@/secrets/api/db-uri',
      PGRST_DB_SCHEMAS: 'api',
      PGRST_DB_ANON_ROLE: 'web_anon',
      PGRST_SERVER_PORT: '3000',
      PGRST_ADMIN_SERVER_PORT: '3001',
    });
    expect(mountedAt(api, postgrest, '/secrets/api/db-uri')).toBe('secret stock-api db-uri');
    expect(postgrest.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'admin' });
    expect(postgrest.livenessProbe.httpGet).toEqual({ path: '/live', port: 'admin' });
    expect(postgrest.ports).toEqual([
      { name: 'http', containerPort: 3000, protocol: 'TCP' },
      { name: 'admin', containerPort: 3001, protocol: 'TCP' },
    ]);
    expect(only(all, 'Service', 'api').spec).toMatchObject({
      type: 'ClusterIP',
      ports: [
        { name: 'http', port: 3000 },
        { name: 'admin', port: 3001 },
      ],
    });
  });

  test('starts PostgREST once authenticator can log in, that is after the migration', () => {
    const api = only(all, 'Deployment', 'api');
    const wait = containerOf(api, 'wait-for-migration');
    expect(wait.command).toEqual(['sh', '-c', WAIT_FOR_LOGIN, PSQL_WITH_PASSWORD_FILE]);
    expect(envOf(wait)).toMatchObject({
      PGHOST: `db.${env.namespace}.svc.cluster.local`,
      PGUSER: 'authenticator',
      PGPASSWORD_FILE: '/secrets/api/password',
    });
    expect(mountedAt(api, wait, '/secrets/api/password')).toBe('secret stock-api password');
  });

  test('labels the Namespace and every ConfigMap with the recommended labels', () => {
    const labels = (name: string, component?: string) => ({
      'app.kubernetes.io/name': name,
      ...(component && { 'app.kubernetes.io/component': component }),
      'app.kubernetes.io/part-of': 'stock-trader',
      'app.kubernetes.io/managed-by': 'cdk8s',
    });
    const configMaps = all.filter((m) => m.kind === 'ConfigMap');
    expect(Object.fromEntries(configMaps.map((m) => [m.metadata.name, m.metadata.labels]))).toEqual(
      {
        'migrate-sql': labels('migrate', 'migration'),
        'nightly-report-sql': labels('nightly-report', 'report'),
        'web-content': labels('web', 'web'),
        'web-nginx-templates': labels('web', 'web'),
      },
    );
    expect(only(all, 'Namespace').metadata.labels).toMatchObject(labels('stock-trader'));
  });

  test('keeps the database on a PersistentVolumeClaim that outlives its pod', () => {
    const db = only(all, 'StatefulSet', 'db');
    expect(db.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe(
      `${env.database.storage.toMebibytes()}Mi`,
    );
    expect(podSpecOf(db).containers[0].volumeMounts).toContainEqual({
      name: 'data',
      mountPath: '/var/lib/postgresql/data',
    });
  });

  test('never writes a secret value: the database password is a file of the Secret stock-db', () => {
    expect(all.some((m) => m.kind === 'Secret')).toBe(false);
    const db = only(all, 'StatefulSet', 'db');
    const postgres = containerOf(db);
    expect(envOf(postgres)).toMatchObject({ POSTGRES_PASSWORD_FILE: '/secrets/db/password' });
    expect(Object.keys(envOf(postgres))).not.toContain('POSTGRES_PASSWORD');
    expect(mountedAt(db, postgres, '/secrets/db/password')).toBe('secret stock-db password');
  });

  test('migrates the schema once and reports nightly, both with deadlines and clean-up', () => {
    const migrate = only(all, 'Job', 'migrate');
    expect(migrate.spec).toMatchObject({ activeDeadlineSeconds: 300, backoffLimit: 3 });
    // An Argo CD Sync hook: Argo CD deletes it before the next sync, so it keeps no TTL of its own.
    expect(migrate.metadata.annotations['argocd.argoproj.io/hook']).toBe('Sync');
    expect(migrate.spec.ttlSecondsAfterFinished).toBeUndefined();
    expect(podSpecOf(migrate).initContainers[0].name).toBe('wait-for-db');
    const report = only(all, 'CronJob', 'nightly-report');
    expect(report.spec).toMatchObject({
      schedule: '0 6 * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
    });
    expect(report.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(900);
  });
});

describe('the example environments', () => {
  // Each environment has one golden copy: minikube's is the committed dist/, which
  // synth-program.test.ts compares byte for byte; production's is this snapshot.
  test('production matches its snapshot', () => {
    expect(synthEnvironment(ENVIRONMENTS.production)).toMatchSnapshot();
  });

  const minikube = synthEnvironment(ENVIRONMENTS.minikube).flatMap((c) => c.manifests);
  const production = synthEnvironment(ENVIRONMENTS.production).flatMap((c) => c.manifests);

  test('minikube reaches the app through a NodePort and a plain-HTTP Ingress', () => {
    expect(only(minikube, 'Service', 'web').spec).toMatchObject({
      type: 'NodePort',
      ports: [{ nodePort: 30080 }],
    });
    const ingress = only(minikube, 'Ingress');
    expect(ingress.spec).toMatchObject({
      ingressClassName: 'nginx',
      rules: [{ host: 'stock-trader.local' }],
    });
    expect(ingress.spec.tls).toBeUndefined();
  });

  test('minikube runs one pod per release, without autoscaler or disruption budget', () => {
    expect(only(minikube, 'Deployment', 'web-blue').spec.replicas).toBe(1);
    expect(
      minikube.some(
        (m) => m.kind === 'HorizontalPodAutoscaler' || m.kind === 'PodDisruptionBudget',
      ),
    ).toBe(false);
  });

  test('production autoscales each release and protects it with a disruption budget', () => {
    expect(only(production, 'HorizontalPodAutoscaler', 'web-blue').spec).toMatchObject({
      minReplicas: 3,
      maxReplicas: 10,
    });
    expect(only(production, 'PodDisruptionBudget', 'web-blue').spec.maxUnavailable).toBe(1);
    expect(only(production, 'Deployment', 'web-blue').spec.replicas).toBeUndefined();
  });

  test('production serves HTTPS and fronts the app with a LoadBalancer', () => {
    expect(only(production, 'Ingress').spec.tls).toEqual([
      { hosts: ['trade.example.com'], secretName: 'stock-trader-tls' },
    ]);
    expect(only(production, 'Service', 'web').spec.type).toBe('LoadBalancer');
  });
});
