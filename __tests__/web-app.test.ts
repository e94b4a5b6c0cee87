import { Duration, JsonPatch, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import {
  EnvValue,
  NetworkPeer,
  PathType,
  Probe,
  ServiceType,
  Volume,
  WebApp,
  WebAppProps,
} from '../src';
import { expectRestrictedPod, only, podSpecOf, synth, testChart } from './support/synth';

const IMAGE = 'nginxinc/nginx-unprivileged:1.27.2-alpine';

function webApp(props: Partial<WebAppProps> = {}) {
  const chart = testChart();
  const app = new WebApp(chart, 'web', { image: IMAGE, ...props });
  return { chart, app, manifests: () => synth(chart) };
}

describe('WebApp', () => {
  test('defaults synthesize to a hardened Deployment, Service, PDB, ServiceAccount and NetworkPolicy', () => {
    const { manifests } = webApp();
    const all = manifests();
    expect(all.map((m) => m.kind).sort()).toEqual([
      'Deployment',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'Service',
      'ServiceAccount',
    ]);
    expect(all).toMatchSnapshot();
  });

  describe('Deployment', () => {
    test('rolls out with zero downtime and keeps revision history by default', () => {
      const spec = only(webApp().manifests(), 'Deployment').spec;
      expect(spec.strategy).toEqual({
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
      });
      expect(spec.revisionHistoryLimit).toBe(10);
      expect(spec.progressDeadlineSeconds).toBe(600);
      expect(spec.replicas).toBe(2);
    });

    test('takes rollout settings and writes the change cause for rollout history', () => {
      const deployment = only(
        webApp({
          rollingUpdate: { maxSurge: 2, maxUnavailable: 1 },
          revisionHistoryLimit: 3,
          minReady: Duration.seconds(5),
          progressDeadline: Duration.minutes(2),
          changeCause: 'release 1.2: faster quotes',
        }).manifests(),
        'Deployment',
      );
      expect(deployment.metadata.annotations).toEqual({
        'kubernetes.io/change-cause': 'release 1.2: faster quotes',
      });
      expect(deployment.spec).toMatchObject({
        strategy: { rollingUpdate: { maxSurge: 2, maxUnavailable: 1 } },
        revisionHistoryLimit: 3,
        minReadySeconds: 5,
        progressDeadlineSeconds: 120,
      });
    });

    test('gives a long minReady a progress deadline beyond it', () => {
      const spec = only(webApp({ minReady: Duration.minutes(10) }).manifests(), 'Deployment').spec;
      expect(spec).toMatchObject({ minReadySeconds: 600, progressDeadlineSeconds: 601 });
    });

    test('selects its pods by name and component only, never by version', () => {
      const deployment = only(webApp().manifests(), 'Deployment');
      expect(deployment.spec.selector.matchLabels).toEqual({
        'app.kubernetes.io/name': 'web',
        'app.kubernetes.io/component': 'web',
      });
      expect(deployment.spec.template.metadata.labels['app.kubernetes.io/version']).toBe(
        '1.27.2-alpine',
      );
    });

    test('labels every object with the recommended labels', () => {
      for (const manifest of webApp({
        partOf: 'shop',
        ingress: { hosts: ['shop.example.com'] },
      }).manifests()) {
        expect(manifest.metadata.labels).toMatchObject({
          'app.kubernetes.io/name': 'web',
          'app.kubernetes.io/component': 'web',
          'app.kubernetes.io/part-of': 'shop',
          'app.kubernetes.io/managed-by': 'cdk8s',
        });
      }
    });
  });

  describe('pods', () => {
    test('pass Pod Security Standards "restricted" in every container', () => {
      const { app, manifests } = webApp();
      app.addSidecar({ name: 'helper', image: 'busybox:1.36.1' });
      app.addInitContainer({ name: 'setup', image: 'busybox:1.36.1' });
      const pod = podSpecOf(only(manifests(), 'Deployment'));
      expect(pod.securityContext).toEqual({
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        fsGroup: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.initContainers).toHaveLength(1);
      expectRestrictedPod(pod);
    });

    test('run as a dedicated ServiceAccount that mounts no token', () => {
      const all = webApp().manifests();
      expect(only(all, 'ServiceAccount')).toMatchObject({
        metadata: { name: 'web' },
        automountServiceAccountToken: false,
      });
      expect(podSpecOf(only(all, 'Deployment')).serviceAccountName).toBe('web');
    });

    test('always carry explicit, small resource requests and limits', () => {
      const container = podSpecOf(only(webApp().manifests(), 'Deployment')).containers[0];
      expect(container.resources).toEqual({
        requests: { cpu: '50m', memory: '64Mi' },
        limits: { cpu: '250m', memory: '128Mi' },
      });
    });

    test('take resources, command, args and env from props without writing secret values', () => {
      const container = podSpecOf(
        only(
          webApp({
            command: ['nginx'],
            args: ['-g', 'daemon off;'],
            resources: {
              cpu: { request: Cpu.millis(100), limit: Cpu.units(1) },
              memory: { request: Size.mebibytes(128), limit: Size.gibibytes(1) },
            },
            env: {
              MODE: EnvValue.fromValue('live'),
              FEATURES: EnvValue.fromConfigMap('web-config', 'features'),
              DB_PASSWORD: EnvValue.fromSecret('db', 'password'),
            },
          }).manifests(),
          'Deployment',
        ),
      ).containers[0];
      expect(container.command).toEqual(['nginx']);
      expect(container.args).toEqual(['-g', 'daemon off;']);
      expect(container.resources).toEqual({
        requests: { cpu: '100m', memory: '128Mi' },
        limits: { cpu: '1', memory: '1024Mi' },
      });
      expect(container.env).toEqual([
        { name: 'MODE', value: 'live' },
        {
          name: 'FEATURES',
          valueFrom: { configMapKeyRef: { name: 'web-config', key: 'features', optional: false } },
        },
        {
          name: 'DB_PASSWORD',
          valueFrom: { secretKeyRef: { name: 'db', key: 'password', optional: false } },
        },
      ]);
    });

    test('take the path of a mounted secret file in a *_FILE variable, as official images read it', () => {
      const container = podSpecOf(
        only(
          webApp({
            env: { POSTGRES_PASSWORD_FILE: EnvValue.fromValue('/secrets/db/password') },
            volumes: { db: Volume.fromSecret('stock-db') },
            volumeMounts: [{ volume: 'db', path: '/secrets/db', readOnly: true }],
          }).manifests(),
          'Deployment',
        ),
      ).containers[0];
      expect(container.env).toEqual([
        { name: 'POSTGRES_PASSWORD_FILE', value: '/secrets/db/password' },
      ]);
    });

    test('probe readiness over HTTP and liveness over TCP by default, on the first port', () => {
      const container = podSpecOf(only(webApp().manifests(), 'Deployment')).containers[0];
      expect(container.readinessProbe.httpGet).toEqual({ path: '/', port: 'http' });
      expect(container.livenessProbe.tcpSocket).toEqual({ port: 'http' });
      expect(container.startupProbe).toBeUndefined();
    });

    test('take a startup probe and a preStop command', () => {
      const container = podSpecOf(
        only(
          webApp({
            startup: Probe.httpGet('/healthz', {
              failureThreshold: 30,
              period: Duration.seconds(2),
            }),
            preStop: ['sleep', '5'],
            terminationGracePeriod: Duration.seconds(45),
          }).manifests(),
          'Deployment',
        ),
      ).containers[0];
      expect(container.startupProbe).toMatchObject({
        httpGet: { path: '/healthz' },
        failureThreshold: 30,
        periodSeconds: 2,
      });
      expect(container.lifecycle).toEqual({ preStop: { exec: { command: ['sleep', '5'] } } });
    });

    test('share named volumes between the main container and a helper, with writable paths on emptyDirs', () => {
      const pod = podSpecOf(
        only(
          webApp({
            volumes: { site: Volume.emptyDir({ sizeLimit: Size.mebibytes(64) }) },
            volumeMounts: [{ volume: 'site', path: '/usr/share/nginx/html', readOnly: true }],
            writablePaths: ['/tmp'],
            sidecars: [
              {
                name: 'sync',
                image: 'busybox:1.36.1',
                volumeMounts: [{ volume: 'site', path: '/site' }],
              },
            ],
          }).manifests(),
          'Deployment',
        ),
      );
      expect(pod.volumes).toEqual([
        { name: 'site', emptyDir: { sizeLimit: '64Mi' } },
        { name: 'writable-tmp', emptyDir: {} },
      ]);
      expect(pod.containers[0].volumeMounts).toEqual([
        { name: 'site', mountPath: '/usr/share/nginx/html', readOnly: true },
        { name: 'writable-tmp', mountPath: '/tmp' },
      ]);
      expect(pod.containers[1].volumeMounts).toEqual([{ name: 'site', mountPath: '/site' }]);
    });

    test('spread softly across nodes when more than one pod runs, so one Minikube node still fits', () => {
      const affinity = podSpecOf(only(webApp().manifests(), 'Deployment')).affinity;
      expect(
        affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm
          .topologyKey,
      ).toBe('kubernetes.io/hostname');
      expect(
        affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution,
      ).toBeUndefined();
      expect(
        podSpecOf(only(webApp({ replicas: 1 }).manifests(), 'Deployment')).affinity,
      ).toBeUndefined();
    });
  });

  describe('scaling', () => {
    test('uses an autoscaler instead of a replica count', () => {
      const all = webApp({
        autoscaling: {
          minReplicas: 2,
          maxReplicas: 6,
          targetCpuPercent: 60,
          targetMemoryPercent: 80,
        },
      }).manifests();
      expect(only(all, 'Deployment').spec.replicas).toBeUndefined();
      expect(only(all, 'HorizontalPodAutoscaler')).toMatchObject({
        apiVersion: 'autoscaling/v2',
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
          minReplicas: 2,
          maxReplicas: 6,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } },
            },
            {
              type: 'Resource',
              resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } },
            },
          ],
          behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
        },
      });
    });

    test('targets 70% CPU when the autoscaler is given no target', () => {
      const hpa = only(
        webApp({ autoscaling: { maxReplicas: 4 } }).manifests(),
        'HorizontalPodAutoscaler',
      );
      expect(hpa.spec.metrics).toEqual([
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ]);
    });

    test('writes a PodDisruptionBudget only when two or more pods may run', () => {
      expect(only(webApp({ replicas: 3 }).manifests(), 'PodDisruptionBudget').spec).toEqual({
        maxUnavailable: 1,
        selector: {
          matchLabels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/component': 'web' },
        },
      });
      expect(
        webApp({ replicas: 1 })
          .manifests()
          .some((m) => m.kind === 'PodDisruptionBudget'),
      ).toBe(false);
      const scaled = webApp({ autoscaling: { minReplicas: 1, maxReplicas: 3 } }).manifests();
      expect(only(scaled, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
    });

    test('takes a minAvailable budget that still allows evictions', () => {
      const pdb = only(
        webApp({ replicas: 3, disruptionBudget: { minAvailable: 2 } }).manifests(),
        'PodDisruptionBudget',
      );
      expect(pdb.spec.minAvailable).toBe(2);
      expect(pdb.spec.maxUnavailable).toBeUndefined();
    });
  });

  describe('Service', () => {
    test('is a ClusterIP Service selecting only this app, with named ports', () => {
      const service = only(
        webApp({ ports: [{ name: 'http', containerPort: 8080, servicePort: 80 }] }).manifests(),
        'Service',
      );
      expect(service.spec).toEqual({
        type: 'ClusterIP',
        selector: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/component': 'web' },
        ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
      });
    });

    test('can be a NodePort with a fixed port, and then admits traffic from anywhere', () => {
      const all = webApp({
        serviceType: ServiceType.NODE_PORT,
        ports: [{ name: 'http', containerPort: 8080, nodePort: 30080 }],
      }).manifests();
      expect(only(all, 'Service').spec).toMatchObject({
        type: 'NodePort',
        ports: [{ nodePort: 30080 }],
      });
      expect(only(all, 'NetworkPolicy').spec.ingress).toEqual([
        {
          from: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }],
          ports: [{ port: 8080, protocol: 'TCP' }],
        },
      ]);
    });

    test('can be a LoadBalancer', () => {
      expect(
        only(webApp({ serviceType: ServiceType.LOAD_BALANCER }).manifests(), 'Service').spec.type,
      ).toBe('LoadBalancer');
    });

    test('exposes its DNS name and ports for other charts to wire to', () => {
      const { app } = webApp({ ports: [{ name: 'http', containerPort: 8080, servicePort: 80 }] });
      expect(app.serviceHost).toBe('web.shop.svc.cluster.local');
      expect(app.servicePorts).toEqual({ http: 80 });
    });
  });

  describe('Ingress', () => {
    test('routes hosts and paths to this app’s Service over TLS', () => {
      const all = webApp({
        ports: [
          { name: 'http', containerPort: 8080 },
          { name: 'admin', containerPort: 9090 },
        ],
        ingress: {
          hosts: ['shop.example.com'],
          paths: [{ path: '/' }, { path: '/admin', pathType: PathType.EXACT, port: 'admin' }],
          ingressClassName: 'nginx',
          tlsSecretName: 'shop-tls',
          annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '1m' },
        },
      }).manifests();
      const ingress = only(all, 'Ingress');
      expect(ingress.metadata.annotations).toEqual({
        'nginx.ingress.kubernetes.io/proxy-body-size': '1m',
      });
      expect(ingress.spec).toEqual({
        ingressClassName: 'nginx',
        tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
        rules: [
          {
            host: 'shop.example.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { name: 'http' } } },
                },
                {
                  path: '/admin',
                  pathType: 'Exact',
                  backend: { service: { name: 'web', port: { name: 'admin' } } },
                },
              ],
            },
          },
        ],
      });
    });

    test('lets the ingress controller in on the routed ports only', () => {
      const policy = only(
        webApp({
          ports: [
            { name: 'http', containerPort: 8080 },
            { name: 'metrics', containerPort: 9090 },
          ],
          ingress: { hosts: ['shop.example.com'] },
        }).manifests(),
        'NetworkPolicy',
      );
      expect(policy.spec.ingress).toEqual([
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
              },
              podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
            },
          ],
          ports: [{ port: 8080, protocol: 'TCP' }],
        },
      ]);
    });
  });

  describe('NetworkPolicy', () => {
    test('denies everything but DNS by default', () => {
      const policy = only(webApp().manifests(), 'NetworkPolicy');
      expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      expect(policy.spec.ingress).toBeUndefined();
      expect(policy.spec.egress).toEqual([
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { port: 53, protocol: 'UDP' },
            { port: 53, protocol: 'TCP' },
          ],
        },
      ]);
    });

    test('connectTo writes both sides: egress from the client, ingress to the server', () => {
      const { chart, app: web } = webApp();
      const api = new WebApp(chart, 'api', {
        image: IMAGE,
        ports: [{ name: 'grpc', containerPort: 9000 }],
      });
      web.connectTo(api);
      const all = synth(chart);
      expect(only(all, 'NetworkPolicy', 'web').spec.egress[1]).toEqual({
        to: [
          {
            podSelector: {
              matchLabels: {
                'app.kubernetes.io/name': 'api',
                'app.kubernetes.io/component': 'web',
              },
            },
          },
        ],
        ports: [{ port: 9000, protocol: 'TCP' }],
      });
      expect(only(all, 'NetworkPolicy', 'api').spec.ingress).toEqual([
        {
          from: [
            {
              podSelector: {
                matchLabels: {
                  'app.kubernetes.io/name': 'web',
                  'app.kubernetes.io/component': 'web',
                },
              },
            },
          ],
          ports: [{ port: 9000, protocol: 'TCP' }],
        },
      ]);
    });

    test('fails if a peer is not a CIDR or a port is out of range', () => {
      const { app } = webApp();
      expect(() => NetworkPeer.ipBlock('10.0.0.300/8')).toThrow(
        "NetworkPeer.ipBlock: cidr must be a range in CIDR notation such as '10.0.0.0/8', got '10.0.0.300/8'",
      );
      expect(() => app.allowTo(NetworkPeer.anywhere(), [{ port: 70000 }])).toThrow(
        "WebApp 'test/web': allowTo ports[0].port must be an integer from 1 to 65535, got 70000",
      );
      expect(() => app.allowFrom(NetworkPeer.namespace('monitoring'), [])).toThrow(
        "WebApp 'test/web': allowFrom ports must be at least one port, got []",
      );
    });

    test('allowTo opens egress to an address range', () => {
      const { app, manifests } = webApp();
      app.allowTo(NetworkPeer.ipBlock('203.0.113.0/24'), [{ port: 443 }]);
      expect(only(manifests(), 'NetworkPolicy').spec.egress[1]).toEqual({
        to: [{ ipBlock: { cidr: '203.0.113.0/24' } }],
        ports: [{ port: 443, protocol: 'TCP' }],
      });
    });
  });

  describe('escape hatches', () => {
    test('expose the L1 objects for JSON patches', () => {
      const { app, manifests } = webApp();
      app.deployment.addJsonPatch(JsonPatch.add('/spec/paused', true));
      expect(only(manifests(), 'Deployment').spec.paused).toBe(true);
    });
  });
});
