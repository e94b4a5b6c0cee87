/**
 * One-prop mutations that make valid props invalid, by category, for the property tests and the
 * bad-input matrix: each names the prop path the message must name and the value as shown.
 */
import { Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import fc from 'fast-check';
import {
  BlueGreenWebAppProps,
  Color,
  ConcurrencyPolicy,
  CronJobProps,
  EnvValue,
  JobProps,
  Probe,
  RestartPolicy,
  ServiceType,
  StatefulAppProps,
  Volume,
  WebAppPort,
  WebAppProps,
  WorkloadProps,
} from '../../src';
import { humanDuration } from '../../src/validation/show';
import { Mutation, mutation, quote } from './mutate';
import { absolutePath } from './arbitraries';

export const badInteger = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ min: -1000, max: min - 1 }),
    fc.integer({ min: max + 1, max: max + 1000 }),
    fc.double({ min, max, noInteger: true, noNaN: true }),
    fc.constantFrom(NaN, Infinity),
  );
/** A bad DNS-1123 label: upper case, underscores, leading or trailing '-', empty, or too long. */
export const badLabel = (max: number) =>
  fc.oneof(
    fc.constantFrom('Web', 'my_app', '-web', 'web-', '', 'a.b', 'web app'),
    fc.stringMatching(new RegExp(`^[a-z]{${max + 1},${max + 20}}$`)),
  );
export const badImage = fc.constantFrom(
  'nginx',
  'nginx:latest',
  '',
  ' nginx:1.27',
  'ghcr.io/acme/app:',
);
/** A Duration that is not a whole number of seconds, or beyond `max` seconds. */
export const badDuration = (max: number) =>
  fc.oneof(
    fc.integer({ min: 1, max: 999 }).map((ms) => Duration.millis(1000 + ms)),
    fc.integer({ min: max + 1, max: max + 100000 }).map((s) => Duration.seconds(s)),
  );
export const human = (d: Duration) => quote(humanDuration(d.toSeconds({ integral: false })));

/** Mutations every workload refuses, on the main container and its helpers. */
export function workloadMutations<P extends Omit<WorkloadProps, 'image'>>(
  max: number,
): Mutation<P>[] {
  return [
    mutation('name', badLabel(max), (p, name) => ({ ...p, name })),
    mutation('image', badImage, (p, image) => ({ ...p, image })),
    mutation('component', badLabel(63), (p, component) => ({ ...p, component })),
    mutation('partOf', badLabel(63), (p, partOf) => ({ ...p, partOf })),
    mutation(
      'resources.cpu.limit',
      fc.integer({ min: 2, max: 4000 }),
      (p, m) => ({
        ...p,
        resources: { cpu: { request: Cpu.millis(m), limit: Cpu.millis(m - 1) } },
      }),
      (m) => quote(`${m - 1}m`),
    ),
    mutation(
      'resources.memory.limit',
      fc.integer({ min: 2, max: 4000 }),
      (p, m) => ({
        ...p,
        resources: { memory: { request: Size.mebibytes(m), limit: Size.mebibytes(m - 1) } },
      }),
      (m) => quote(`${m - 1}Mi`),
    ),
    mutation(
      'resources.memory.request',
      fc.integer({ min: 1, max: 4095 }).filter((k) => k % 1024 !== 0),
      (p, k) => ({
        ...p,
        resources: { memory: { request: Size.kibibytes(k), limit: Size.gibibytes(4) } },
      }),
      (k) => quote(`${k / 1024}Mi`),
    ),
    mutation(
      (name: string) => `env.${name}`,
      fc.constantFrom('DB_PASSWORD', 'API_KEY', 'token', 'MY_SECRET', 'DB_PASSWORD_FILE'),
      (p, name) => ({ ...p, env: { ...p.env, [name]: EnvValue.fromValue('hunter2') } }),
      () => quote('a plain value'),
    ),
    mutation('volumeMounts[0].volume', fc.constantFrom('Missing', 'not_declared'), (p, volume) => ({
      ...p,
      volumeMounts: [{ volume, path: '/data' }],
    })),
    mutation('volumeMounts[0].path', fc.constantFrom('data', 'var/lib', ''), (p, path) => ({
      ...p,
      volumes: { ...p.volumes, scratch: Volume.emptyDir() },
      volumeMounts: [{ volume: 'scratch', path }],
    })),
    mutation('writablePaths', fc.constantFrom('tmp', 'var/cache', './x'), (p, path) => ({
      ...p,
      writablePaths: [path],
    })),
    mutation(
      (name: string) => `volumes.${name}`,
      fc.constantFrom('Data', 'my_volume', 'x'.repeat(64)),
      (p, name) => ({ ...p, volumes: { ...p.volumes, [name]: Volume.emptyDir() } }),
    ),
    mutation(
      (_: string, p: P) => `sidecars[${(p.sidecars ?? []).length + 1}].name`,
      fc.constant('twin-helper-x'),
      (p, name) => ({
        ...p,
        sidecars: [
          ...(p.sidecars ?? []),
          { name, image: 'busybox:1.36' },
          { name, image: 'busybox:1.36' },
        ],
      }),
    ),
    mutation(
      (_: string, p: P) => `sidecars[${(p.sidecars ?? []).length}].image`,
      badImage,
      (p, image) => ({ ...p, sidecars: [...(p.sidecars ?? []), { name: 'bad-image-x', image }] }),
    ),
    mutation(
      (_: string, p: P) => `initContainers[${(p.initContainers ?? []).length}].name`,
      badLabel(63),
      (p, name) => ({
        ...p,
        initContainers: [...(p.initContainers ?? []), { name, image: 'busybox:1.36' }],
      }),
    ),
    mutation(
      'podSecurity.runAsUser',
      fc.oneof(fc.constant(0), badInteger(1, 2147483647)),
      (p, runAsUser) => ({
        ...p,
        podSecurity: { runAsUser },
      }),
    ),
    mutation(
      'terminationGracePeriod',
      badDuration(3600),
      (p, terminationGracePeriod) => ({ ...p, terminationGracePeriod }),
      human,
    ),
  ];
}

/** Mutations of the main container's probes (WebApp, StatefulApp). */
export function probeMutations<P extends WebAppProps | StatefulAppProps>(): Mutation<P>[] {
  const first = (p: P) => p.ports?.[0]?.name ?? 'http';
  return [
    mutation('readiness.failureThreshold', badInteger(1, 100), (p, failureThreshold) => ({
      ...p,
      readiness: Probe.tcp({ port: first(p), failureThreshold }),
      liveness: Probe.exec(['true']),
    })),
    mutation('path', fc.constantFrom('healthz', 'ready/now'), (p, path) => ({
      ...p,
      readiness: Probe.httpGet(path, { port: first(p) }),
      liveness: Probe.exec(['true']),
    })),
    mutation('readiness.port', fc.constantFrom('Missing', 'no_port'), (p, port) => ({
      ...p,
      readiness: Probe.tcp({ port }),
      liveness: Probe.exec(['true']),
    })),
    mutation(
      'liveness',
      absolutePath,
      (p, path) => ({
        ...p,
        readiness: Probe.httpGet(path, { port: first(p) }),
        liveness: Probe.httpGet(path, { port: first(p) }),
      }),
      () => quote('the same check as readiness'),
    ),
    mutation(
      (field: 'initialDelay' | 'period' | 'timeout') => `readiness.${field}`,
      fc.constantFrom('initialDelay', 'period', 'timeout'),
      (p, field) => ({
        ...p,
        readiness: Probe.tcp({ port: first(p), [field]: Duration.millis(1500) }),
        liveness: Probe.exec(['true']),
      }),
      () => human(Duration.millis(1500)),
    ),
  ];
}

export const badPort = badInteger(1, 65535);

/** Mutations a WebApp refuses (BlueGreenWebApp shares them). */
export function webAppMutations<P extends WebAppProps | BlueGreenWebAppProps>(): Mutation<P>[] {
  const withPort = (p: P, change: Partial<WebAppPort>): WebAppPort[] => [
    { ...(p.ports ?? [{ name: 'http', containerPort: 8080 }])[0], ...change },
    ...(p.ports ?? []).slice(1),
  ];
  return [
    mutation('replicas', badInteger(1, 1000), (p, replicas) => ({
      ...p,
      replicas,
      autoscaling: undefined,
    })),
    mutation('replicas', fc.integer({ min: 1, max: 1000 }), (p, replicas) => ({
      ...p,
      replicas,
      autoscaling: { maxReplicas: 1000 },
    })),
    mutation('autoscaling.minReplicas', badInteger(1, 1000), (p, minReplicas) => ({
      ...p,
      replicas: undefined,
      autoscaling: { minReplicas, maxReplicas: 1000 },
    })),
    mutation('autoscaling.maxReplicas', fc.integer({ min: 1, max: 9 }), (p, maxReplicas) => ({
      ...p,
      replicas: undefined,
      autoscaling: { minReplicas: 10, maxReplicas },
    })),
    mutation('autoscaling.targetCpuPercent', badInteger(1, 100), (p, targetCpuPercent) => ({
      ...p,
      replicas: undefined,
      autoscaling: { maxReplicas: 10, targetCpuPercent },
    })),
    mutation(
      'autoscaling.scaleDownStabilization',
      badDuration(3600),
      (p, scaleDownStabilization) => ({
        ...p,
        replicas: undefined,
        autoscaling: { maxReplicas: 10, scaleDownStabilization },
      }),
      human,
    ),
    mutation('ports[0].containerPort', badPort, (p, containerPort) => ({
      ...p,
      ports: withPort(p, { containerPort }),
    })),
    mutation('ports[0].name', fc.oneof(badLabel(15), fc.constantFrom('80', 'a--b')), (p, name) => ({
      ...p,
      ports: withPort(p, { name }),
    })),
    mutation('ports[0].servicePort', badPort, (p, servicePort) => ({
      ...p,
      ports: withPort(p, { servicePort }),
    })),
    mutation('ports[0].nodePort', fc.integer({ min: 30000, max: 32767 }), (p, nodePort) => ({
      ...p,
      serviceType: ServiceType.CLUSTER_IP,
      ports: withPort(p, { nodePort }),
    })),
    mutation(
      'ports[0].nodePort',
      fc.oneof(fc.integer({ min: 1, max: 29999 }), fc.integer({ min: 32768, max: 65535 })),
      (p, nodePort) => ({
        ...p,
        serviceType: ServiceType.NODE_PORT,
        ports: withPort(p, { nodePort }),
      }),
    ),
    mutation('serviceType', fc.constantFrom('External', 'nodeport', ''), (p, serviceType) => ({
      ...p,
      serviceType: serviceType as ServiceType,
    })),
    mutation(
      (_: string) => 'ingress.hosts[0]',
      fc.constantFrom('Example.com', 'a_b.example', '*', 'x..y', '-a.example'),
      (p, host) => ({ ...p, ingress: { hosts: [host] } }),
      (host) => quote(host.replace(/^\*\./, '')),
    ),
    mutation('ingress.paths[0].path', fc.constantFrom('api', 'v1/x'), (p, path) => ({
      ...p,
      ingress: { hosts: ['example.com'], paths: [{ path }] },
    })),
    mutation('ingress.paths[0].port', fc.constantFrom('Missing', 'no_port'), (p, port) => ({
      ...p,
      ingress: { hosts: ['example.com'], paths: [{ path: '/', port }] },
    })),
    mutation('ingress.tlsSecretName', fc.constantFrom('TLS', 'my_tls', ''), (p, tlsSecretName) => ({
      ...p,
      ingress: { hosts: ['example.com'], tlsSecretName },
    })),
    mutation(
      'rollingUpdate',
      fc.constant({ maxSurge: 0, maxUnavailable: 0 }),
      (p, rollingUpdate) => ({
        ...p,
        rollingUpdate,
      }),
      (r) => JSON.stringify(r),
    ),
    mutation('revisionHistoryLimit', badInteger(0, 100), (p, revisionHistoryLimit) => ({
      ...p,
      revisionHistoryLimit,
    })),
    mutation(
      'progressDeadline',
      badDuration(86400),
      (p, progressDeadline) => ({ ...p, progressDeadline }),
      human,
    ),
    mutation('disruptionBudget.maxUnavailable', badInteger(1, 1000), (p, maxUnavailable) => ({
      ...p,
      disruptionBudget: { maxUnavailable },
    })),
    mutation(
      'disruptionBudget.minAvailable',
      fc.integer({ min: 2, max: 1000 }),
      (p, minAvailable) => ({
        ...p,
        replicas: 2,
        autoscaling: undefined,
        disruptionBudget: { minAvailable },
      }),
    ),
  ];
}

/** Mutations WebApp refuses.  */
export const WEB_APP_MUTATIONS: Mutation<WebAppProps>[] = [
  ...workloadMutations<WebAppProps>(63),
  ...probeMutations<WebAppProps>(),
  ...webAppMutations<WebAppProps>(),
];

/** Mutations BlueGreenWebApp refuses: the shared ones, a release's image, the active color.  */
export const BLUE_GREEN_MUTATIONS: Mutation<BlueGreenWebAppProps>[] = [
  ...workloadMutations<BlueGreenWebAppProps>(57).filter((_, i) => i !== 1),
  ...webAppMutations<BlueGreenWebAppProps>(),
  mutation('image', badImage, (p, image) => ({ ...p, green: { image } })),
  mutation('active', fc.constantFrom('red', 'Blue', ''), (p, active) => ({
    ...p,
    active: active as Color,
  })),
];

/** Mutations StatefulApp refuses.  */
export const STATEFUL_APP_MUTATIONS: Mutation<StatefulAppProps>[] = [
  ...workloadMutations<StatefulAppProps>(52),
  ...probeMutations<StatefulAppProps>(),
  mutation('replicas', badInteger(1, 100), (p, replicas) => ({ ...p, replicas })),
  mutation(
    'ports',
    fc.constant([]),
    (p) => ({ ...p, ports: [] }),
    () => '[]',
  ),
  mutation(
    (name: string) => `volumeClaims.${name}`,
    fc.constantFrom('Data', 'pg_data'),
    (p, name) => ({
      ...p,
      volumeClaims: { ...p.volumeClaims, [name]: { storage: Size.gibibytes(1) } },
    }),
  ),
  mutation(
    'volumeClaims.data.storage',
    fc.integer({ min: 1, max: 4095 }).filter((k) => k % 1024 !== 0),
    (p, k) => ({ ...p, volumeClaims: { ...p.volumeClaims, data: { storage: Size.kibibytes(k) } } }),
    (k) => String(k / 1024),
  ),
  mutation(
    'volumeClaims.data.storageClassName',
    fc.constantFrom('Fast', 'ssd_1'),
    (p, storageClassName) => ({
      ...p,
      volumeClaims: { ...p.volumeClaims, data: { storage: Size.gibibytes(1), storageClassName } },
    }),
  ),
  mutation(
    'disruptionBudget.minAvailable',
    fc.integer({ min: 3, max: 100 }),
    (p, minAvailable) => ({
      ...p,
      replicas: 3,
      disruptionBudget: { minAvailable },
    }),
  ),
];

/** Mutations of the JobSettings that Job and CronJob share. */
export function jobMutations<P extends JobProps>(): Mutation<P>[] {
  return [
    mutation('backoffLimit', badInteger(0, 100), (p, backoffLimit) => ({ ...p, backoffLimit })),
    mutation('completions', badInteger(1, 10000), (p, completions) => ({
      ...p,
      completions,
      parallelism: 1,
    })),
    mutation('parallelism', fc.integer({ min: 2, max: 1000 }), (p, parallelism) => ({
      ...p,
      parallelism,
      completions: parallelism - 1,
    })),
    mutation('restartPolicy', fc.constantFrom('Always', 'never'), (p, restartPolicy) => ({
      ...p,
      restartPolicy: restartPolicy as RestartPolicy,
    })),
    mutation(
      'activeDeadline',
      badDuration(30 * 86400),
      (p, activeDeadline) => ({ ...p, activeDeadline }),
      human,
    ),
    mutation(
      'ttlAfterFinished',
      badDuration(30 * 86400),
      (p, ttlAfterFinished) => ({ ...p, ttlAfterFinished }),
      human,
    ),
  ];
}

/** Mutations Job refuses.  */
export const JOB_MUTATIONS: Mutation<JobProps>[] = [
  ...workloadMutations<JobProps>(63),
  ...jobMutations<JobProps>(),
];

/** Schedules Kubernetes refuses, or that never run. */
export const badSchedule = fc.constantFrom(
  '0 3 * *',
  '0 3 * * * *',
  '60 * * * *',
  '0 24 * * *',
  '0 0 0 * *',
  '0 0 32 * *',
  '0 0 * 13 *',
  '0 0 * * 7',
  '*/0 * * * *',
  '*/61 * * * *',
  '30-10 * * * *',
  'TZ=Europe/Berlin 0 3 * * *',
  'CRON_TZ=UTC 0 3 * * *',
  '@every 5m',
  '@fortnightly',
  '0 0 30 2 *',
  '? * * * *',
  '',
  'a b c d e',
);

/** Mutations CronJob refuses.  */
export const CRON_JOB_MUTATIONS: Mutation<CronJobProps>[] = [
  ...workloadMutations<CronJobProps>(52),
  ...jobMutations<CronJobProps>(),
  mutation('schedule', badSchedule, (p, schedule) => ({ ...p, schedule })),
  mutation(
    'timeZone',
    fc.constantFrom('Local', 'Mars/Olympus', '+01:00', 'europe/berlin', 'EUROPE/BERLIN', ''),
    (p, timeZone) => ({
      ...p,
      timeZone,
    }),
  ),
  mutation('concurrencyPolicy', fc.constantFrom('Sometimes', 'forbid'), (p, c) => ({
    ...p,
    concurrencyPolicy: c as ConcurrencyPolicy,
  })),
  mutation(
    'startingDeadline',
    fc.oneof(
      fc.integer({ min: 0, max: 9 }).map((s) => Duration.seconds(s)),
      badDuration(30 * 86400),
    ),
    (p, startingDeadline) => ({ ...p, startingDeadline }),
    human,
  ),
  mutation('successfulJobsHistoryLimit', badInteger(0, 100), (p, successfulJobsHistoryLimit) => ({
    ...p,
    successfulJobsHistoryLimit,
  })),
];
