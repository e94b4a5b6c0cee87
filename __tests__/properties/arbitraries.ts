/**
 * fast-check arbitraries for the public props of every construct, valid across the documented
 * range, and one-prop mutations that make them invalid.
 *
 * CI runs every property with a fixed seed, so a failure is reproducible. Settings:
 *   FC_SEED   the seed (default 20250609); `random` for a new one, printed on failure
 *   FC_RUNS   runs of every property, instead of its own count (15 to 150; about 4 s in all)
 *
 * A longer run with a random seed (about 3 minutes on 2 cores; a failure prints the seed and
 * the path, to replay it with FC_SEED=<seed>):
 *
 *   FC_SEED=random FC_RUNS=2000 npx jest __tests__/properties
 */
import { Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import fc from 'fast-check';
import { EnvironmentConfig } from '../../app/environments';
import {
  AccessMode,
  BlueGreenWebAppProps,
  Color,
  ConcurrencyPolicy,
  ContainerPort,
  ContainerProps,
  ContainerResources,
  CronJobProps,
  EnvValue,
  JobProps,
  PathType,
  Probe,
  RestartPolicy,
  ServiceType,
  SidecarProps,
  StatefulAppProps,
  SyncPhase,
  Volume,
  WebAppPort,
  WebAppProps,
  WorkloadProps,
} from '../../src';
import { writableVolumeName } from '../../src/mounts';

const SEED = process.env.FC_SEED ?? '20250609';
const RUNS = process.env.FC_RUNS === undefined ? undefined : Number(process.env.FC_RUNS);

/** fast-check parameters: the CI seed and `runs`, unless FC_SEED / FC_RUNS say otherwise. */
export function params(runs: number): { seed?: number; numRuns: number } {
  return { ...(SEED === 'random' ? {} : { seed: Number(SEED) }), numRuns: RUNS ?? runs };
}

/** The jest timeout of a property test: generous when FC_RUNS asks for a long run. */
export const TIMEOUT = RUNS === undefined ? 20_000 : 30 * 60_000;

// ---- names -------------------------------------------------------------------------------

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const ALNUM = `${LOWER}0123456789`;
const char = (chars: string) => fc.constantFrom(...chars);

/** A DNS-1123 label of 1 to `max` characters; one in four is exactly `max` long. */
export function dnsLabel(max = 63): fc.Arbitrary<string> {
  const of = (min: number, maxLength: number) =>
    fc
      .tuple(
        char(ALNUM),
        fc.string({ unit: char(`${ALNUM}-`), minLength: min, maxLength }),
        char(ALNUM),
      )
      .map(([a, middle, z]) => (max === 1 ? a : `${a}${middle}${z}`.slice(0, max)));
  return fc.oneof({ arbitrary: of(0, Math.min(10, max)), weight: 3 }, of(max - 2, max - 2));
}

/** A DNS-1035 label (a Service name): a DNS-1123 label that starts with a letter. */
export const dns1035Label = (max = 63) =>
  fc
    .tuple(char(LOWER), dnsLabel(max))
    .map(([a, label]) => `${a}${label}`.slice(0, max).replace(/-$/, 'z'));

/** A DNS-1123 subdomain: dot-separated labels. */
export const subdomain = fc
  .array(dnsLabel(12), { minLength: 1, maxLength: 4 })
  .map((labels) => labels.join('.'));

/** An absolute path such as `/var/cache-1/x.d`. */
export const absolutePath = fc
  .array(fc.string({ unit: char(`${LOWER}0-_.`), minLength: 1, maxLength: 6 }), {
    minLength: 1,
    maxLength: 3,
  })
  .filter((parts) => parts.every((p) => p !== '.' && p !== '..'))
  .map((parts) => `/${parts.join('/')}`);

// ---- container -------------------------------------------------------------------------------

const tag = fc
  .tuple(char(`${ALNUM}_`), fc.string({ unit: char(`${ALNUM}ABCXYZ_.-`), maxLength: 127 }))
  .map(([first, rest]) => first + rest)
  .filter((t) => t !== 'latest');

/** An image pinned by a tag other than `latest`, by a digest, or both. */
export const image = fc
  .record({
    registry: fc.constantFrom('', 'ghcr.io/acme/', 'localhost:5000/', 'registry.k8s.io/'),
    repository: dnsLabel(20),
    tag: fc.option(tag, { nil: undefined }),
    digest: fc.option(fc.stringMatching(/^[a-f0-9]{64}$/), { nil: undefined }),
  })
  .map(({ registry, repository, tag: t, digest }) => {
    const pin = t === undefined && digest === undefined ? ':1.0.0' : t === undefined ? '' : `:${t}`;
    return `${registry}${repository}${pin}${digest === undefined ? '' : `@sha256:${digest}`}`;
  });

/** A command for an exec handler: the program first (never empty), then its arguments. */
const execCommand = fc
  .tuple(fc.string({ minLength: 1 }), fc.array(fc.string(), { maxLength: 2 }))
  .map(([program, args]) => [program, ...args]);

const SECRET_LIKE = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY)/i;
const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,20}$/);
const envEntry = fc.tuple(
  envName,
  fc.oneof(
    fc.string().map((v) => EnvValue.fromValue(v)),
    fc.tuple(dnsLabel(20), dnsLabel(10)).map(([n, k]) => EnvValue.fromSecret(n, k)),
    fc.tuple(dnsLabel(20), dnsLabel(10)).map(([n, k]) => EnvValue.fromConfigMap(n, k, true)),
    fc.constant(EnvValue.fromFieldRef('metadata.name')),
  ),
);
/** Environment variables; secret-like names take their value from a Secret. */
export const env = fc
  .array(envEntry, { maxLength: 4 })
  .map((entries) =>
    Object.fromEntries(
      entries.map(([name, value]) => [
        name,
        value.isPlain && SECRET_LIKE.test(name) ? EnvValue.fromSecret('s', 'k') : value,
      ]),
    ),
  );

const millicores = fc.integer({ min: 1, max: 8000 });
const mebibytes = fc.integer({ min: 1, max: 16384 });
/** CPU and memory, each with a limit at least its request. */
export const resources: fc.Arbitrary<ContainerResources> = fc.record(
  {
    cpu: fc.tuple(millicores, millicores).map(([a, b]) => ({
      request: Cpu.millis(Math.min(a, b)),
      limit:
        Math.max(a, b) % 1000 === 0 ? Cpu.units(Math.max(a, b) / 1000) : Cpu.millis(Math.max(a, b)),
    })),
    memory: fc.tuple(mebibytes, mebibytes).map(([a, b]) => ({
      request: Size.mebibytes(Math.min(a, b)),
      limit:
        Math.max(a, b) % 1024 === 0
          ? Size.gibibytes(Math.max(a, b) / 1024)
          : Size.mebibytes(Math.max(a, b)),
    })),
  },
  { requiredKeys: [] },
);

const seconds = (min: number, max: number) =>
  fc
    .integer({ min, max })
    .map((s) => (s % 60 === 0 ? Duration.minutes(s / 60) : Duration.seconds(s)));

const probeTiming = fc.record(
  {
    initialDelay: seconds(0, 300),
    period: seconds(1, 300),
    timeout: seconds(1, 60),
    failureThreshold: fc.integer({ min: 1, max: 100 }),
  },
  { requiredKeys: [] },
);

/** Two different exec probes: readiness and liveness of a container without ports. */
const execProbes = fc.tuple(absolutePath, probeTiming, probeTiming).map(([path, r, l]) => ({
  readiness: Probe.exec(['test', '-e', path], r),
  liveness: Probe.exec(['sh', '-c', `test -e ${path}`], l),
}));

/** The port of a probe: one of `ports` by name or number, or the first (undefined). */
const probePort = (ports: readonly ContainerPort[]) =>
  fc.constantFrom<string | number | undefined>(
    undefined,
    ...ports.map((p) => p.name),
    ...ports.map((p) => p.containerPort),
  );
const tcpProbe = (ports: readonly ContainerPort[]) =>
  fc.tuple(probePort(ports), probeTiming).map(([port, t]) => Probe.tcp({ ...t, port }));
const httpProbe = (ports: readonly ContainerPort[], prefix: string) =>
  fc
    .tuple(absolutePath, probePort(ports), probeTiming)
    .map(([path, port, t]) => Probe.httpGet(`${prefix}${path}`, { ...t, port }));

/** Any probe of a container with `ports`: a startup probe. */
const anyProbe = (ports: readonly ContainerPort[]) =>
  fc.oneof(
    tcpProbe(ports),
    httpProbe(ports, ''),
    execProbes.map((e) => e.readiness),
  );

/**
 * Readiness and liveness that differ (the constructs refuse the same check twice): readiness is
 * an HTTP GET of `/ready/...` or a `test` command, liveness a TCP connect, an HTTP GET of
 * `/live/...` or a shell command.
 */
function distinctProbes(ports: readonly ContainerPort[]) {
  return fc.record({
    readiness: fc.oneof(
      httpProbe(ports, '/ready'),
      execProbes.map((e) => e.readiness),
    ),
    liveness: fc.oneof(
      tcpProbe(ports),
      httpProbe(ports, '/live'),
      execProbes.map((e) => e.liveness),
    ),
  });
}

/** A port name: an IANA service name (at most 15 characters, a letter, no '--'). */
export const portName = dnsLabel(15).filter((n) => /[a-z]/.test(n) && !n.includes('--'));

/** Ports with unique names and numbers. */
function uniquePorts(min: number, max: number): fc.Arbitrary<ContainerPort[]> {
  return fc.uniqueArray(
    fc.record({ name: portName, containerPort: fc.integer({ min: 1, max: 65535 }) }),
    {
      minLength: min,
      maxLength: max,
      comparator: (a, b) => a.name === b.name || a.containerPort === b.containerPort,
    },
  );
}

const volume = fc.oneof(
  fc
    .record(
      { sizeLimit: mebibytes.map((m) => Size.mebibytes(m)), inMemory: fc.boolean() },
      { requiredKeys: [] },
    )
    .map((o) => Volume.emptyDir(o)),
  subdomain.map((n) => Volume.fromConfigMap(n)),
  subdomain.map((n) => Volume.fromSecret(n)),
  fc.tuple(subdomain, fc.boolean()).map(([n, ro]) => Volume.fromPersistentVolumeClaim(n, ro)),
);

/**
 * The parts of one container: image, command, env, resources, mounts, writable paths. A mount
 * names its volume by a number, which {@link resolveMounts} turns into a declared volume's name.
 */
const containerFields = {
  image,
  command: fc.array(fc.string(), { maxLength: 3 }),
  args: fc.array(fc.string(), { maxLength: 3 }),
  env,
  resources,
  workingDir: absolutePath,
  volumeMounts: fc.array(
    fc.record(
      {
        volume: fc.nat(9).map(String),
        path: absolutePath,
        readOnly: fc.boolean(),
        subPath: dnsLabel(10),
      },
      { requiredKeys: ['volume', 'path'] },
    ),
    { maxLength: 3 },
  ),
  writablePaths: fc.array(absolutePath, { maxLength: 3 }),
};

/** One container's props, for sidecars and init containers. */
const containerProps = fc.record(containerFields, { requiredKeys: ['image'] });

/** Points each mount at one of `volumes` (by its number), drops repeated paths in a container. */
function resolveMounts<T extends Partial<ContainerProps>>(props: T, volumes: readonly string[]): T {
  const seen = new Set<string>();
  const fresh = (path: string) => !seen.has(path) && seen.add(path) !== undefined;
  return {
    ...props,
    volumeMounts: volumes.length
      ? props.volumeMounts
          ?.map((m) => ({ ...m, volume: volumes[Number(m.volume) % volumes.length] }))
          .filter((m) => fresh(m.path))
      : undefined,
    writablePaths: props.writablePaths?.filter(fresh),
  };
}

/** A sidecar with its own ports (numbers unused by `taken`) and distinct readiness and liveness. */
function sidecar(taken: readonly number[]): fc.Arbitrary<SidecarProps> {
  return uniquePorts(0, 2)
    .map((ports) => ports.filter((p) => !taken.includes(p.containerPort)))
    .chain((ports) =>
      fc.record({
        name: dnsLabel(),
        props: containerProps,
        ports: fc.constant(ports),
        probes: ports.length ? distinctProbes(ports) : execProbes,
      }),
    )
    .map(({ name, props, ports, probes }) => ({ ...props, name, ports, ...probes }));
}

/**
 * What every workload takes (WorkloadProps): volumes, the main container's props, sidecars and
 * init containers with unique names, identity, grace period. `ports` are the main container's,
 * so sidecars listen elsewhere; `claims` are volumes a StatefulApp's controller provides.
 */
export function workloadProps(
  ports: readonly ContainerPort[],
  claims: readonly string[] = [],
): fc.Arbitrary<WorkloadProps> {
  const byName = { selector: (c: { name: string }) => c.name, maxLength: 2 };
  return fc
    .record(
      {
        ...containerFields,
        volumes: fc.dictionary(dnsLabel(20), volume, { maxKeys: 3 }),
        sidecars: fc.uniqueArray(sidecar(ports.map((p) => p.containerPort)), byName),
        initContainers: fc.uniqueArray(
          fc.tuple(dnsLabel(), containerProps).map(([name, c]) => ({ ...c, name })),
          byName,
        ),
        component: dnsLabel(),
        partOf: dnsLabel(),
        podSecurity: fc.record(
          {
            runAsUser: fc.integer({ min: 1, max: 2147483647 }),
            runAsGroup: fc.integer({ min: 1, max: 2147483647 }),
            fsGroup: fc.integer({ min: 1, max: 2147483647 }),
          },
          { requiredKeys: [] },
        ),
        terminationGracePeriod: seconds(0, 3600),
      },
      { requiredKeys: ['image'] },
    )
    .map((p) => {
      const volumes = [...Object.keys(p.volumes ?? {}), ...claims];
      // Writable paths share the pod's emptyDirs by name: keep one path per volume name.
      const writable = new Map<string, string>(volumes.map((v) => [v, '']));
      const own = (path: string) =>
        (writable.get(writableVolumeName(path)) ??
          writable.set(writableVolumeName(path), path).get(writableVolumeName(path))) === path;
      const claim = <C extends Partial<ContainerProps>>(c: C): C => ({
        ...c,
        writablePaths: c.writablePaths?.filter(own),
      });
      p = claim(p);
      // No port name or number may repeat in a pod: keep the sidecars whose ports are free.
      const taken = new Set(ports.flatMap((port) => [port.name, port.containerPort]));
      const freePorts = (c: SidecarProps) => {
        const own = (c.ports ?? []).flatMap((port) => [port.name, port.containerPort]);
        if (own.some((key) => taken.has(key))) return false;
        own.forEach((key) => taken.add(key));
        return true;
      };
      const sidecars = p.sidecars?.filter(freePorts);
      const sidecarNames = (sidecars ?? []).map((c) => c.name);
      return resolveMounts(
        {
          ...p,
          sidecars: sidecars?.map((c) => resolveMounts(claim(c), volumes)),
          initContainers: p.initContainers
            ?.filter((c) => !sidecarNames.includes(c.name))
            .map((c) => resolveMounts(claim(c), volumes)),
        },
        volumes,
      );
    });
}

// ---- WebApp and BlueGreenWebApp ------------------------------------------------------------

const scaling = fc.oneof(
  fc.record({ replicas: fc.integer({ min: 1, max: 1000 }) }),
  fc
    .record(
      {
        minReplicas: fc.integer({ min: 1, max: 1000 }),
        extra: fc.integer({ min: 0, max: 999 }),
        targetCpuPercent: fc.integer({ min: 1, max: 100 }),
        targetMemoryPercent: fc.integer({ min: 1, max: 100 }),
        scaleDownStabilization: seconds(0, 3600),
      },
      { requiredKeys: ['extra'] },
    )
    .map(({ extra, ...a }) => ({
      autoscaling: { ...a, maxReplicas: Math.min(1000, (a.minReplicas ?? 2) + extra) },
    })),
);

function disruptionBudget(fewestPods: number) {
  return fc.oneof(
    fc.record({ maxUnavailable: fc.integer({ min: 1, max: 1000 }) }),
    fc.record({ minAvailable: fc.integer({ min: 0, max: Math.max(0, fewestPods - 1) }) }),
  );
}

function ingress(portNames: readonly string[]) {
  return fc.record(
    {
      hosts: fc.uniqueArray(
        fc.tuple(fc.boolean(), subdomain).map(([wild, h]) => (wild ? `*.${h}` : h)),
        { minLength: 1, maxLength: 3 },
      ),
      paths: fc.uniqueArray(
        fc.record(
          {
            path: fc.oneof(fc.constant('/'), absolutePath),
            pathType: fc.constantFrom(...Object.values(PathType)),
            port: fc.constantFrom(...portNames),
          },
          { requiredKeys: ['path'] },
        ),
        { minLength: 1, maxLength: 3, selector: (p) => p.path },
      ),
      ingressClassName: subdomain,
      tlsSecretName: subdomain,
      annotations: fc.dictionary(
        fc.tuple(subdomain, dnsLabel(20)).map(([prefix, key]) => `${prefix}/${key}`),
        fc.string(),
        { maxKeys: 2 },
      ),
    },
    { requiredKeys: ['hosts'] },
  );
}

/** WebApp ports: unique names, container and Service ports; node ports only off ClusterIP. */
function webAppPorts(type: ServiceType): fc.Arbitrary<WebAppPort[]> {
  const extra = fc.record(
    {
      servicePort: fc.integer({ min: 1, max: 65535 }),
      nodePort: fc.integer({ min: 30000, max: 32767 }),
    },
    { requiredKeys: [] },
  );
  return uniquePorts(1, 3)
    .chain((ports) => fc.tuple(...ports.map((p) => extra.map((e) => ({ ...p, ...e })))))
    .map((ports) =>
      type === ServiceType.CLUSTER_IP ? ports.map((p) => ({ ...p, nodePort: undefined })) : ports,
    )
    .filter(
      (ports) =>
        unique(ports.map((p) => p.servicePort ?? p.containerPort)) &&
        unique(ports.flatMap((p) => (p.nodePort === undefined ? [] : [p.nodePort]))),
    );
}

const unique = (xs: readonly unknown[]) => new Set(xs).size === xs.length;

/** The props WebApp and BlueGreenWebApp share, with the main container's image. */
function webAppCommon(type: ServiceType): fc.Arbitrary<WebAppProps> {
  return webAppPorts(type).chain((ports) =>
    fc.tuple(workloadProps(ports), scaling).chain(([workload, scale]) => {
      const fewest = 'replicas' in scale ? scale.replicas : (scale.autoscaling.minReplicas ?? 2);
      const optional = fc.record(
        {
          probes: distinctProbes(ports),
          startup: anyProbe(ports),
          preStop: execCommand,
          disruptionBudget: disruptionBudget(fewest),
          ingress: ingress(ports.map((p) => p.name)),
          rollingUpdate: fc
            .record({
              maxSurge: fc.integer({ min: 0, max: 1000 }),
              maxUnavailable: fc.integer({ min: 0, max: 1000 }),
            })
            .filter((r) => r.maxSurge + r.maxUnavailable > 0),
          revisionHistoryLimit: fc.integer({ min: 0, max: 100 }),
          minReady: seconds(0, 3600),
          progressDeadline: seconds(1, 86400),
        },
        { requiredKeys: [] },
      );
      // Kubernetes wants the progress deadline (600 s by default) beyond minReady.
      const deadlineAfterMinReady = (o: { minReady?: Duration; progressDeadline?: Duration }) =>
        (o.progressDeadline?.toSeconds() ?? 600) > (o.minReady?.toSeconds() ?? 0);
      return optional.filter(deadlineAfterMinReady).map(({ probes, ...rest }) => ({
        ...workload,
        ...scale,
        ...probes,
        ...rest,
        ports,
        serviceType: type,
      }));
    }),
  );
}

const serviceType = fc.constantFrom(...Object.values(ServiceType));

/** Valid WebApp props. */
export const webAppProps: fc.Arbitrary<WebAppProps> = fc
  .tuple(serviceType.chain(webAppCommon), fc.option(fc.string(), { nil: undefined }))
  .map(([props, changeCause]) => ({ ...props, changeCause }));

const release = fc.record({ image, changeCause: fc.string(), env }, { requiredKeys: ['image'] });

/** Valid BlueGreenWebApp props: the shared ones (no image) and two releases. */
export const blueGreenProps: fc.Arbitrary<BlueGreenWebAppProps> = fc
  .tuple(
    serviceType.chain(webAppCommon),
    release,
    release,
    fc.constantFrom(...Object.values(Color)),
  )
  .map(([props, blue, green, active]) => {
    const shared = Object.fromEntries(Object.entries(props).filter(([key]) => key !== 'image'));
    return { ...(shared as Omit<WebAppProps, 'image'>), blue, green, active };
  });

// ---- StatefulApp -------------------------------------------------------------------------------

/** Valid StatefulApp props. */
export const statefulAppProps: fc.Arbitrary<StatefulAppProps> = fc
  .record({
    ports: uniquePorts(1, 3),
    claims: fc.dictionary(
      dnsLabel(20),
      fc.record(
        {
          storage: mebibytes.map((m) =>
            m % 1024 === 0 ? Size.gibibytes(m / 1024) : Size.mebibytes(m),
          ),
          storageClassName: subdomain,
          accessMode: fc.constantFrom(...Object.values(AccessMode)),
        },
        { requiredKeys: ['storage'] },
      ),
      { maxKeys: 2 },
    ),
  })
  .chain(({ ports, claims }) =>
    fc
      .tuple(
        workloadProps(ports, Object.keys(claims)).filter(
          (w) => !Object.keys(w.volumes ?? {}).some((v) => v in claims),
        ),
        distinctProbes(ports),
        fc.integer({ min: 1, max: 100 }),
      )
      .chain(([workload, probes, replicas]) =>
        fc
          .record(
            {
              startup: anyProbe(ports),
              preStop: execCommand,
              disruptionBudget: disruptionBudget(replicas),
              revisionHistoryLimit: fc.integer({ min: 0, max: 100 }),
            },
            { requiredKeys: [] },
          )
          .map((rest) => ({
            ...workload,
            ...probes,
            ...rest,
            ports,
            replicas,
            volumeClaims: claims,
          })),
      ),
  );

// ---- Job and CronJob -------------------------------------------------------------------------------

const jobSettings = fc
  .record(
    {
      backoffLimit: fc.integer({ min: 0, max: 100 }),
      activeDeadline: seconds(1, 30 * 86400),
      ttlAfterFinished: seconds(0, 30 * 86400),
      completions: fc.integer({ min: 1, max: 10000 }),
      parallelism: fc.integer({ min: 1, max: 1000 }),
      restartPolicy: fc.constantFrom(...Object.values(RestartPolicy)),
    },
    { requiredKeys: [] },
  )
  .map((s) =>
    s.parallelism !== undefined && s.parallelism > (s.completions ?? 1)
      ? { ...s, completions: Math.max(s.parallelism, s.completions ?? 1) }
      : s,
  );

/** Valid Job props. */
export const jobProps: fc.Arbitrary<JobProps> = fc
  .tuple(workloadProps([]), jobSettings)
  .map(([w, s]) => ({ ...w, ...s }));

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** One cron field: a list of `*`, values, ranges, each with an optional step; names in any case. */
function cronField(min: number, max: number, names?: readonly string[], question = false) {
  const value = fc.integer({ min, max });
  const show = (v: number) =>
    names === undefined
      ? fc.constant(String(v))
      : fc.constantFrom(String(v), names[v - min], names[v - min].toLowerCase());
  const step = fc.option(fc.integer({ min: 1, max: max - min }), { nil: undefined });
  const item = fc.oneof(
    fc
      .tuple(fc.constantFrom('*', ...(question ? ['?'] : [])), step)
      .map(([w, s]) => (s ? `${w}/${s}` : w)),
    fc.tuple(value, step).chain(([v, s]) => show(v).map((t) => (s ? `${t}/${s}` : t))),
    fc
      .tuple(value, value, step)
      .chain(([a, b, s]) =>
        fc
          .tuple(show(Math.min(a, b)), show(Math.max(a, b)))
          .map(([x, y]) => `${x}-${y}${s ? `/${s}` : ''}`),
      ),
  );
  return fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => items.join(','));
}

/**
 * A schedule Kubernetes runs as written: a macro, or five fields. Days of the month above 28
 * appear only with every month, so the schedule always fires.
 */
export const schedule = fc.oneof(
  fc.constantFrom('@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'),
  fc
    .boolean()
    .chain((everyMonth) =>
      fc
        .tuple(
          cronField(0, 59),
          cronField(0, 23),
          cronField(1, everyMonth ? 31 : 28, undefined, true),
          everyMonth ? fc.constant('*') : cronField(1, 12, MONTHS),
          cronField(0, 6, DAYS, true),
        )
        .map((fields) => fields.join(' ')),
    ),
);

/** Every IANA time zone Node knows, and the UTC spellings. */
export const timeZone = fc.constantFrom(...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC');

/** Valid CronJob props. */
export const cronJobProps: fc.Arbitrary<CronJobProps> = fc
  .tuple(
    jobProps,
    fc.record(
      {
        schedule,
        timeZone,
        concurrencyPolicy: fc.constantFrom(ConcurrencyPolicy.FORBID, ConcurrencyPolicy.REPLACE),
        startingDeadline: seconds(10, 30 * 86400),
        successfulJobsHistoryLimit: fc.integer({ min: 0, max: 100 }),
        failedJobsHistoryLimit: fc.integer({ min: 0, max: 100 }),
        suspend: fc.boolean(),
      },
      { requiredKeys: ['schedule'] },
    ),
  )
  .map(([job, cron]) => ({ ...job, ...cron }));

// ---- the example app -------------------------------------------------------------------------------

/** A valid environment for `buildStockTrader`. */
export const environment: fc.Arbitrary<EnvironmentConfig> = fc
  .tuple(serviceType, fc.integer({ min: 30000, max: 32767 }), fc.boolean())
  .chain(([type, nodePort, fixedNodePort]) =>
    fc.record({
      name: dnsLabel(),
      namespace: dnsLabel(),
      web: fc.record(
        {
          scaling: scaling,
          serviceType: fc.constant(type),
          nodePort: fc.constant(
            type !== ServiceType.CLUSTER_IP && fixedNodePort ? nodePort : undefined,
          ),
          host: subdomain,
          tlsSecretName: subdomain,
          resources,
          active: fc.constantFrom(...Object.values(Color)),
        },
        { requiredKeys: ['scaling', 'serviceType', 'host', 'resources', 'active'] },
      ),
      api: fc.record({ replicas: fc.integer({ min: 1, max: 10 }), resources }),
      database: fc.record(
        {
          storage: mebibytes.map((m) => Size.mebibytes(m)),
          resources,
          migrationHook: fc.constantFrom(...Object.values(SyncPhase)),
        },
        { requiredKeys: ['storage', 'resources'] },
      ),
    }),
  );
