import { App, Testing } from 'cdk8s';
import { ENVIRONMENTS, EnvironmentConfig } from '../app/environments';
import { buildStockTrader } from '../app/stock-trader';
import { checkDocuments } from '../gate';
import { Manifest, only, podSpecOf } from './support/synth';

/** Every chart of the example for one environment, in file order, with its manifests. */
function synthEnvironment(env: EnvironmentConfig): { chart: string; manifests: Manifest[] }[] {
  const app: App = Testing.app();
  buildStockTrader(app, env);
  return app.charts.map((chart) => ({ chart: chart.node.id, manifests: Testing.synth(chart) }));
}

const environments = Object.values(ENVIRONMENTS).map((env) => [env.name, env] as const);

describe.each(environments)('the example app in %s', (_name, env) => {
  const charts = synthEnvironment(env);
  const all = charts.flatMap((c) => c.manifests);

  test('puts the Namespace first and everything else inside it', () => {
    expect(charts.map((c) => c.chart)).toEqual(['namespace', 'database', 'web', 'batch']);
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

  test('keeps the database internal: a ClusterIP Service reachable only from the web pods', () => {
    expect(only(all, 'Service', 'db').spec.type).toBe('ClusterIP');
    const policy = only(all, 'NetworkPolicy', 'db');
    const sources = policy.spec.ingress.map(
      (rule: Manifest) => rule.from[0].podSelector.matchLabels['app.kubernetes.io/name'],
    );
    expect(sources).toEqual(['web-blue', 'web-green', 'migrate', 'nightly-report']);
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

  test('never writes a secret value: the database password is a Secret reference', () => {
    expect(all.some((m) => m.kind === 'Secret')).toBe(false);
    const env = podSpecOf(only(all, 'StatefulSet', 'db')).containers[0].env;
    expect(env).toContainEqual({
      name: 'POSTGRES_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'stock-db', key: 'password', optional: false } },
    });
  });

  test('migrates the schema once and reports nightly, both with deadlines and clean-up', () => {
    const migrate = only(all, 'Job', 'migrate');
    expect(migrate.spec).toMatchObject({
      activeDeadlineSeconds: 300,
      ttlSecondsAfterFinished: 3600,
      backoffLimit: 3,
    });
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
