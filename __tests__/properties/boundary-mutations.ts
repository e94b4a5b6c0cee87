/**
 * Mutations of the categories found by trying the constructs as a new user would, from JavaScript
 * or with props read from a file: values of the wrong runtime type, props no construct has,
 * values outside Kubernetes' grammars (image references, paths, hosts, annotations) and
 * collisions inside a pod. Each construct refuses them with its standard one-line message, or the
 * value type's factory refuses its argument first.
 */
import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import fc from 'fast-check';
import {
  BlueGreenWebAppProps,
  CronJobProps,
  EnvValue,
  JobProps,
  Probe,
  StatefulAppProps,
  Volume,
  WebAppProps,
  WorkloadProps,
} from '../../src';
import { Mutation, mutation, quote } from './mutate';

/** Shows a value as the messages do: strings quoted, numbers as written, data as JSON. */
const shown = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? quote(value) : JSON.stringify(value);

/** Props with `value` at `prop` (a top-level prop), whatever its declared type. */
function set<P>(prop: string, value: unknown): (p: P) => P {
  return (p) => ({ ...p, [prop]: value }) as P;
}

/** Wrong runtime types and unknown props, for every workload (the main container's fields). */
export function typeMutations<P extends Omit<WorkloadProps, 'image'>>(): Mutation<P>[] {
  const wrong = <V>(prop: string, values: V[], at = prop) =>
    mutation<P, V>(at, fc.constantFrom(...values), (p, v) => set<P>(prop, v)(p), shown);
  return [
    wrong('command', ['nginx -g "daemon off;"', 7]),
    wrong('env', ['A=b', ['A=b']]),
    wrong('volumeMounts', ['/data', { volume: 'data', path: '/data' }]),
    wrong('writablePaths', ['/tmp']),
    wrong('workingDir', [7, ['/srv']]),
    wrong('sidecars', [{ name: 'helper', image: 'busybox:1.36' }, 'helper']),
    wrong('volumes', [['data'], 'data']),
    wrong('terminationGracePeriod', [30, '30s']),
    wrong('name', [42, ['web']]),
    wrong('component', [null, 7]),
    wrong('partOf', [['shop'], true]),
    wrong('podSecurity', ['restricted', 1000]),
    mutation(
      'args[1]',
      fc.constantFrom(1, null),
      (p, v) => ({ ...p, args: ['--port', v] }) as P,
      shown,
    ),
    mutation(
      'env.LOG_LEVEL',
      fc.constantFrom('debug', 3),
      (p, v) => ({ ...p, env: { LOG_LEVEL: v } }) as unknown as P,
      shown,
    ),
    mutation(
      'resources.cpu.request',
      fc.constantFrom('100m', 0.1),
      (p, v) =>
        ({ ...p, resources: { cpu: { request: v, limit: Cpu.millis(500) } } }) as unknown as P,
      shown,
    ),
    mutation(
      'resources.memory.limit',
      fc.constantFrom('256Mi', 256),
      (p, v) =>
        ({
          ...p,
          resources: { memory: { request: Size.mebibytes(64), limit: v } },
        }) as unknown as P,
      shown,
    ),
    mutation(
      'volumeMounts[0].path',
      fc.constant(undefined),
      (p) =>
        ({
          ...p,
          volumes: { data: Volume.emptyDir() },
          volumeMounts: [{ volume: 'data' }],
        }) as unknown as P,
      () => 'undefined',
    ),
    mutation(
      'sidecars[0].image',
      fc.constant(undefined),
      (p) => ({ ...p, sidecars: [{ name: 'helper' }] }) as unknown as P,
      () => 'undefined',
    ),
    mutation(
      'initContainers[0].name',
      fc.constant(undefined),
      (p) => ({ ...p, initContainers: [{ image: 'busybox:1.36.1' }] }) as unknown as P,
      () => 'undefined',
    ),
    mutation(
      'podSecurity.runAsUser',
      fc.constantFrom('1000', null),
      (p, v) => ({ ...p, podSecurity: { runAsUser: v } }) as unknown as P,
      shown,
    ),
    // A misspelt prop would otherwise be ignored without a word.
    mutation<P, [string, unknown]>(
      ([prop]) => prop,
      fc.constantFrom<[string, unknown]>(
        ['replica', 3],
        ['Image', 'nginx:1.27'],
        ['envs', {}],
        ['cpu', '100m'],
      ),
      (p, [prop, value]) => set<P>(prop, value)(p),
      ([, value]) => shown(value),
    ),
  ];
}

/**
 * Values outside Kubernetes' grammars, for every workload: image references, mount and sub-paths,
 * writable paths, the working directory; and the value factories' own arguments.
 */
export function grammarMutations<P extends Omit<WorkloadProps, 'image'>>(): Mutation<P>[] {
  const mounted = (mount: { path: string; subPath?: string }) => (p: P) =>
    ({
      ...p,
      volumes: { data: Volume.emptyDir() },
      volumeMounts: [{ volume: 'data', ...mount }],
    }) as P;
  return [
    mutation(
      'volumeMounts[0].path',
      fc.constantFrom('/', '/data/../etc', '/c:/data', '//'),
      (p, path) => mounted({ path })(p),
    ),
    mutation(
      'volumeMounts[0].subPath',
      fc.constantFrom('/etc', '../up', 'a/../../b'),
      (p, subPath) => mounted({ path: '/data', subPath })(p),
    ),
    mutation('writablePaths', fc.constantFrom('/', '/var/../etc', '/run:x'), (p, path) => ({
      ...p,
      writablePaths: [path],
    })),
    mutation('workingDir', fc.constantFrom('srv', './app', ''), (p, workingDir) => ({
      ...p,
      workingDir,
    })),
    mutation(
      'sidecars[0].image',
      fc.constantFrom('Busybox:1.36', 'ghcr.io/acme/:1.0', 'busy box:1', 'a//b:1'),
      (p, image) => ({
        ...p,
        sidecars: [{ name: 'helper', image }],
      }),
    ),
    // The value types refuse their own arguments before any construct sees them.
    mutation(
      'fieldPath',
      fc.constantFrom("metadata.labels['bad key']", "metadata.annotations['-x']", 'spec.bogus'),
      (p, fieldPath) => ({
        ...p,
        env: { FIELD: EnvValue.fromFieldRef(fieldPath) },
      }),
    ),
    mutation('secret', fc.constantFrom('Bad_Name', '', 'a'.repeat(254)), (p, name) => ({
      ...p,
      env: { TOKEN: EnvValue.fromSecret(name, 'token') },
    })),
    mutation('key', fc.constantFrom('a/b', '..', ''), (p, key) => ({
      ...p,
      env: { MODE: EnvValue.fromConfigMap('config', key) },
    })),
    mutation('configMap', fc.constantFrom('Web_Content', '-x'), (p, name) => ({
      ...p,
      volumes: { content: Volume.fromConfigMap(name) },
    })),
    mutation('claimName', fc.constantFrom('', 'Data'), (p, name) => ({
      ...p,
      volumes: { data: Volume.fromPersistentVolumeClaim(name) },
    })),
    mutation(
      'options.sizeLimit',
      fc.constantFrom(NaN, 0),
      (p, mebibytes) => ({
        ...p,
        volumes: { cache: Volume.emptyDir({ sizeLimit: Size.mebibytes(mebibytes) }) },
      }),
      (m) => quote(`${m} MiB`),
    ),
    mutation(
      'command',
      fc.constantFrom<string[]>([], ['']),
      (p, command) => ({
        ...p,
        sidecars: [{ name: 'helper', image: 'busybox:1.36.1', readiness: Probe.exec(command) }],
      }),
      (c) => JSON.stringify(c),
    ),
    mutation(
      'resources.cpu.limit',
      fc.constantFrom(NaN, Infinity),
      (p, cores) => ({
        ...p,
        resources: { cpu: { request: Cpu.millis(100), limit: Cpu.units(cores) } },
      }),
      (c) => quote(String(c)),
    ),
    mutation(
      'resources.memory.request',
      fc.constantFrom(NaN, Infinity),
      (p, mebibytes) => ({
        ...p,
        resources: { memory: { request: Size.mebibytes(mebibytes), limit: Size.mebibytes(128) } },
      }),
      (m) => quote(`${m}Mi`),
    ),
  ];
}

/** A sidecar whose port another container of the pod already uses, by number or by name. */
export function podPortMutations<
  P extends WebAppProps | StatefulAppProps | BlueGreenWebAppProps,
>(): Mutation<P>[] {
  const first = (p: P) => p.ports?.[0] ?? { name: 'http', containerPort: 8080 };
  return [
    mutation<P, 'name' | 'number'>(
      (clash) => `sidecars[0].ports[0].${clash === 'name' ? 'name' : 'containerPort'}`,
      fc.constantFrom<('name' | 'number')[]>('name', 'number'),
      (p, clash) => ({
        ...p,
        sidecars: [
          {
            name: 'helper',
            image: 'busybox:1.36.1',
            ports: [
              clash === 'name'
                ? { name: first(p).name, containerPort: first(p).containerPort === 9 ? 10 : 9 }
                : { name: 'helper-port', containerPort: first(p).containerPort },
            ],
          },
        ],
      }),
      (clash, p) => (clash === 'name' ? quote(first(p).name) : String(first(p).containerPort)),
    ),
  ];
}

/** Web-specific types and grammars: ports, probes, the Ingress, scaling. */
export function webMutations<P extends WebAppProps | BlueGreenWebAppProps>(): Mutation<P>[] {
  const port = (p: P) => p.ports?.[0] ?? { name: 'http', containerPort: 8080 };
  const ingress = (extra: object) => (p: P) =>
    ({ ...p, ingress: { hosts: ['shop.example.com'], ...extra } }) as P;
  return [
    mutation(
      'ports',
      fc.constantFrom<unknown>('http', { name: 'http', containerPort: 8080 }),
      (p, v) => set<P>('ports', v)(p),
      shown,
    ),
    mutation(
      'ports[0].name',
      fc.constant(undefined),
      (p) => ({ ...p, ports: [{ containerPort: 8080 }] }) as unknown as P,
      () => 'undefined',
    ),
    mutation(
      'readiness',
      fc.constantFrom<unknown>({ httpGet: { path: '/' } }, '/healthz'),
      (p, v) => set<P>('readiness', v)(p),
      shown,
    ),
    mutation(
      'preStop',
      fc.constantFrom<string[]>([], ['']),
      (p, preStop) => ({ ...p, preStop }),
      (c) => JSON.stringify(c),
    ),
    mutation(
      'serviceType',
      fc.constantFrom<unknown>(7, null),
      (p, v) => set<P>('serviceType', v)(p),
      shown,
    ),
    mutation(
      'autoscaling.maxReplicas',
      fc.constant(undefined),
      (p) => ({ ...p, replicas: undefined, autoscaling: { minReplicas: 2 } }) as unknown as P,
      () => 'undefined',
    ),
    mutation(
      'rollingUpdate.maxSurge',
      fc.constantFrom('25%', null),
      (p, maxSurge) => ({ ...p, rollingUpdate: { maxSurge } }) as unknown as P,
      shown,
    ),
    mutation(
      'liveness',
      fc.constant(0),
      (p) => ({
        ...p,
        readiness: Probe.tcp({ port: port(p).name }),
        liveness: Probe.tcp({ port: port(p).containerPort }),
      }),
      () => quote('the same check as readiness'),
    ),
    mutation(
      'ingress.hosts',
      fc.constantFrom<unknown>('shop.example.com', 42),
      (p, hosts) => ingress({ hosts })(p),
      shown,
    ),
    mutation(
      'ingress.hosts[0]',
      fc.constantFrom('10.0.0.1', '::1', '*.*.example.com', 'shop.*.com', '*'),
      (p, host) => ingress({ hosts: [host] })(p),
    ),
    mutation(
      'ingress.paths[0].path',
      fc.constantFrom('//api', '/a/../b', '/x/.', '/%2fetc', '/a/./b'),
      (p, path) => ingress({ paths: [{ path }] })(p),
    ),
    mutation(
      'ingress.annotations key',
      fc.constantFrom('bad key', 'nginx.ingress.kubernetes.io/', '-x'),
      (p, key) => ingress({ annotations: { [key]: 'x' } })(p),
    ),
    mutation(
      'ingress.annotations',
      fc.constant(300_000),
      (p, size) => ingress({ annotations: { note: 'x'.repeat(size) } })(p),
      (size) => quote(`${size + 4} bytes of annotations`),
    ),
    mutation(
      'ingress.controller',
      fc.constantFrom<unknown>('ingress-nginx', {}),
      (p, controller) => ingress({ controller })(p),
      shown,
    ),
    mutation('ingress.tls', fc.constant(true), (p, tls) => ingress({ tls })(p), shown),
  ];
}

/** BlueGreenWebApp: missing or misshapen releases, no active color, a prop it has not. */
export const BLUE_GREEN_BOUNDARY: Mutation<BlueGreenWebAppProps>[] = [
  mutation(
    'active',
    fc.constant(undefined),
    (p) => ({ ...p, active: undefined }) as unknown as BlueGreenWebAppProps,
    () => 'undefined',
  ),
  mutation(
    'green',
    fc.constant(undefined),
    (p) => ({ ...p, green: undefined }) as unknown as BlueGreenWebAppProps,
    () => 'undefined',
  ),
  mutation('blue', fc.constantFrom('nginx:1.27'), (p, blue) =>
    set<BlueGreenWebAppProps>('blue', blue)(p),
  ),
  mutation('image', fc.constant('nginx:1.27'), (p, image) =>
    set<BlueGreenWebAppProps>('image', image)(p),
  ),
  mutation(
    'blue.env.A',
    fc.constant('b'),
    (p) => ({ ...p, blue: { ...p.blue, env: { A: 'b' } } }) as unknown as BlueGreenWebAppProps,
  ),
];

/** StatefulApp: a claim of the wrong type, a volume that shares a claim's name. */
export const STATEFUL_APP_BOUNDARY: Mutation<StatefulAppProps>[] = [
  mutation(
    'volumeClaims.data.storage',
    fc.constantFrom('1Gi', 1024),
    (p, storage) => ({ ...p, volumeClaims: { data: { storage } } }) as unknown as StatefulAppProps,
    shown,
  ),
  mutation('volumes.data', fc.constant('data'), (p) => ({
    ...p,
    volumes: { data: Volume.emptyDir() },
    volumeClaims: { data: { storage: Size.gibibytes(1) } },
  })),
  mutation(
    'liveness',
    fc.constant(undefined),
    (p) => ({ ...p, liveness: undefined }) as unknown as StatefulAppProps,
    () => 'undefined',
  ),
];

/** Job and CronJob settings of the wrong type. */
export function jobBoundary<P extends JobProps | CronJobProps>(): Mutation<P>[] {
  return [
    mutation(
      'backoffLimit',
      fc.constantFrom('3', null),
      (p, v) => set<P>('backoffLimit', v)(p),
      shown,
    ),
    mutation(
      'activeDeadline',
      fc.constantFrom(600, '10m'),
      (p, v) => set<P>('activeDeadline', v)(p),
      shown,
    ),
  ];
}

/** CronJob: a schedule or a flag of the wrong type. */
export const CRON_JOB_BOUNDARY: Mutation<CronJobProps>[] = [
  mutation(
    'schedule',
    fc.constantFrom<unknown>(5, ['0', '3', '*', '*', '*'], undefined),
    (p, v) => set<CronJobProps>('schedule', v)(p),
    (v) => (v === undefined ? 'undefined' : shown(v)),
  ),
  mutation(
    'suspend',
    fc.constantFrom<unknown>('yes', 1),
    (p, v) => set<CronJobProps>('suspend', v)(p),
    shown,
  ),
];
