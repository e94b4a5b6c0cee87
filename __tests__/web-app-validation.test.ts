import { Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { EnvValue, Probe, ServiceType, Volume, WebApp, WebAppProps } from '../src';
import { testChart } from './support/synth';

const IMAGE = 'nginxinc/nginx-unprivileged:1.27.2-alpine';

function build(props: Partial<WebAppProps>): void {
  new WebApp(testChart(), 'web', { image: IMAGE, ...props });
}

/** [what is wrong, the props, the exact message]. */
const cases: [string, Partial<WebAppProps>, string][] = [
  [
    "an env var is named '..'",
    { env: { '..': EnvValue.fromValue('x') } },
    "env... must be a name of letters, digits, '_', '-' and '.' that starts with no digit, not '.', '..' or starting with '..', got '..'",
  ],
  [
    "an env var name starts with '..'",
    { env: { '..foo': EnvValue.fromValue('x') } },
    "got '..foo'",
  ],
  [
    'a memory limit is beyond 2^53 MiB, which would print with an exponent',
    { resources: { memory: { request: Size.mebibytes(64), limit: Size.gibibytes(1e18) } } },
    "resources.memory.limit must be a whole number of mebibytes from 1 to 2^53 - 1, got '1.024e+21Mi'",
  ],
  ['a name holds a line break, shown escaped on the one line', { name: 'a\nb' }, "got 'a\\nb'"],
  [
    'the image has no tag',
    { image: 'nginx' },
    "image must be an image reference pinned by a tag other than 'latest' or by a digest, such as 'nginx:1.27' or 'ghcr.io/acme/web@sha256:…', got 'nginx'",
  ],
  ['the image is :latest', { image: 'nginx:latest' }, "got 'nginx:latest'"],
  ['replicas is below 1', { replicas: 0 }, 'replicas must be an integer from 1 to 1000, got 0'],
  [
    'replicas is not an integer',
    { replicas: 1.5 },
    'replicas must be an integer from 1 to 1000, got 1.5',
  ],
  [
    'replicas and autoscaling are both set',
    { replicas: 2, autoscaling: { maxReplicas: 4 } },
    'replicas must be left out when autoscaling is set (the autoscaler owns the count), got 2',
  ],
  [
    'minReplicas is out of range',
    { autoscaling: { minReplicas: 0, maxReplicas: 4 } },
    'autoscaling.minReplicas must be an integer from 1 to 1000, got 0',
  ],
  [
    'maxReplicas is below minReplicas',
    { autoscaling: { minReplicas: 5, maxReplicas: 3 } },
    'autoscaling.maxReplicas must be at least minReplicas (5), got 3',
  ],
  [
    'maxReplicas is out of range',
    { autoscaling: { maxReplicas: 5000 } },
    'autoscaling.maxReplicas must be an integer from 1 to 1000, got 5000',
  ],
  [
    'the CPU target is above 100',
    { autoscaling: { maxReplicas: 4, targetCpuPercent: 150 } },
    'autoscaling.targetCpuPercent must be an integer from 1 to 100, got 150',
  ],
  [
    'the memory target is 0',
    { autoscaling: { maxReplicas: 4, targetMemoryPercent: 0 } },
    'autoscaling.targetMemoryPercent must be an integer from 1 to 100, got 0',
  ],
  [
    'a container port is above 65535',
    { ports: [{ name: 'http', containerPort: 70000 }] },
    'ports[0].containerPort must be an integer from 1 to 65535, got 70000',
  ],
  [
    'a service port is 0',
    { ports: [{ name: 'http', containerPort: 8080, servicePort: 0 }] },
    'ports[0].servicePort must be an integer from 1 to 65535, got 0',
  ],
  [
    'two ports share a name',
    {
      ports: [
        { name: 'http', containerPort: 8080 },
        { name: 'http', containerPort: 8081 },
      ],
    },
    "ports names must be unique; this one is repeated, got 'http'",
  ],
  [
    'a port name is not a DNS-1123 label',
    { ports: [{ name: 'Http_Port', containerPort: 8080 }] },
    'ports[0].name must be an IANA service name: at most 15 lower-case letters',
  ],
  ['there is no port', { ports: [] }, 'ports must be at least one port, got []'],
  [
    'a nodePort is outside 30000-32767',
    {
      serviceType: ServiceType.NODE_PORT,
      ports: [{ name: 'http', containerPort: 8080, nodePort: 8080 }],
    },
    'ports[0].nodePort must be an integer from 30000 to 32767, got 8080',
  ],
  [
    'a nodePort is set on a ClusterIP Service',
    { ports: [{ name: 'http', containerPort: 8080, nodePort: 30080 }] },
    'ports[0].nodePort must be left out for a ClusterIP Service (use NodePort or LoadBalancer), got 30080',
  ],
  [
    'the name is not a DNS-1123 label',
    { name: 'Web_App' },
    "name must be a DNS-1035 label of at most 63 characters (it names a Service: lower-case letters, digits and '-', starting with a letter, ending with a letter or digit), got 'Web_App'",
  ],
  [
    'an Ingress host is not DNS-1123',
    { ingress: { hosts: ['Shop_Example.com'] } },
    "ingress.hosts[0] must be a host name (a DNS-1123 subdomain, optionally with one leading '*.' label), not an IP address, got 'Shop_Example.com'",
  ],
  [
    'the Ingress has no host',
    { ingress: { hosts: [] } },
    'ingress.hosts must be at least one host, got []',
  ],
  [
    'an Ingress path does not start with /',
    { ingress: { hosts: ['shop.example.com'], paths: [{ path: 'api' }] } },
    "ingress.paths[0].path must be a path starting with '/', without '//', '/./', '/../' or '%2f', not ending in '/.' or '/..', got 'api'",
  ],
  [
    'an Ingress path names a port the app lacks',
    { ingress: { hosts: ['shop.example.com'], paths: [{ path: '/', port: 'admin' }] } },
    "ingress.paths[0].port must be a port of the app ('http'), got 'admin'",
  ],
  [
    'the disruption budget blocks every eviction',
    { replicas: 2, disruptionBudget: { minAvailable: 2 } },
    'disruptionBudget.minAvailable must be an integer from 0 to 1: with as few as 2 pods a larger value blocks every eviction, got 2',
  ],
  [
    'the disruption budget allows no unavailable pod',
    { replicas: 2, disruptionBudget: { maxUnavailable: 0 } },
    'disruptionBudget.maxUnavailable must be an integer from 1 to 1000, got 0',
  ],
  [
    'the readiness probe targets a port the container lacks',
    { readiness: Probe.httpGet('/', { port: 'admin' }) },
    "readiness.port must be a port the container exposes ('http'/8080), got 'admin'",
  ],
  [
    'the liveness probe targets an unexposed port number',
    { liveness: Probe.tcp({ port: 9999 }) },
    "liveness.port must be a port the container exposes ('http'/8080), got 9999",
  ],
  [
    'readiness and liveness are the same check',
    { readiness: Probe.tcp(), liveness: Probe.tcp() },
    "liveness must be a different check: a failing readiness probe should take the pod out of the Service, not restart it, got 'the same check as readiness'",
  ],
  [
    'a secret-looking env var has a plain value',
    { env: { DB_PASSWORD: EnvValue.fromValue('hunter2') } },
    "env.DB_PASSWORD must be EnvValue.fromSecret(...): a secret never goes into a manifest, got 'a plain value'",
  ],
  [
    'a secret-looking *_FILE env var holds something other than an absolute path',
    { env: { DB_PASSWORD_FILE: EnvValue.fromValue('hunter2') } },
    "env.DB_PASSWORD_FILE must be the absolute path of a mounted file that holds the secret (a *_FILE variable), or EnvValue.fromSecret(...): a secret never goes into a manifest, got 'a plain value'",
  ],
  [
    'a mount names an undeclared volume',
    { volumeMounts: [{ volume: 'data', path: '/data' }] },
    "volumeMounts[0].volume must be a volume declared in volumes (none), got 'data'",
  ],
  [
    'a mount path is relative',
    { volumes: {}, writablePaths: ['tmp'] },
    "writablePaths must be an absolute path other than '/', without '..' elements or ':', got 'tmp'",
  ],
  [
    'a CPU request exceeds its limit',
    { resources: { cpu: { request: Cpu.units(2), limit: Cpu.millis(500) } } },
    "resources.cpu.limit must be at least the request (2), got '500m'",
  ],
  [
    'a memory request exceeds its limit',
    { resources: { memory: { request: Size.gibibytes(1), limit: Size.mebibytes(512) } } },
    "resources.memory.limit must be at least the request (1024Mi), got '512Mi'",
  ],
  [
    'a rolling update can make no progress',
    { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
    'rollingUpdate must be a maxSurge or maxUnavailable above 0, or no rollout could progress',
  ],
  [
    'the progress deadline is not longer than minReady',
    { minReady: Duration.minutes(2), progressDeadline: Duration.minutes(2) },
    "progressDeadline must be a whole number of seconds from 2 minutes 1 second to 1 day, got '2 minutes'",
  ],
  [
    'two mounts share a path',
    {
      volumes: { site: Volume.emptyDir() },
      volumeMounts: [{ volume: 'site', path: '/tmp' }],
      writablePaths: ['/tmp'],
    },
    "volumeMounts and writablePaths must be unique; this one is repeated, got '/tmp'",
  ],
  [
    'an env name has a space',
    { env: { 'MY VAR': EnvValue.fromValue('x') } },
    "env.MY VAR must be a name of letters, digits, '_', '-' and '.' that starts with no digit, not '.', '..' or starting with '..', got 'MY VAR'",
  ],
  [
    'the pod would run as root',
    { podSecurity: { runAsUser: 0 } },
    'podSecurity.runAsUser must be an integer from 1 to 2147483647, got 0',
  ],
  [
    'a sidecar reuses the main container’s name',
    { sidecars: [{ name: 'web', image: 'busybox:1.36.1' }] },
    "sidecars[0].name must be unique among the containers of the pod, got 'web'",
  ],
];

describe('WebApp validation', () => {
  test.each(cases)('fails if %s', (_what, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('fails with a message that names the construct path', () => {
    expect(() => build({ replicas: -2 })).toThrow(
      "WebApp 'test/web': replicas must be an integer from 1 to 1000, got -2",
    );
  });

  test('fails if two workloads of a chart share a name', () => {
    const chart = testChart();
    new WebApp(chart, 'web', { image: IMAGE });
    expect(() => new WebApp(chart, 'other', { image: IMAGE, name: 'web' })).toThrow(
      "WebApp 'test/other': name must be unique among the workloads of the chart ('test/web' has it), got 'web'",
    );
  });
});
