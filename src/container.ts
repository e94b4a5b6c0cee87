import * as k8s from '../imports/k8s';
import { PropCheck } from './check';
import { EnvValue } from './env';
import { checkImage } from './image';
import { Probe } from './probe';
import { ContainerResources, renderResources } from './resources';
import { VolumeMount } from './volume';

/** Environment variable names that hold secrets: their values must come from a Secret. */
const SECRET_LIKE_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY)/i;

/** A port a container listens on. */
export interface ContainerPort {
  /** The port's name (a DNS-1123 label of at most 15 characters), used by probes and Services. */
  readonly name: string;
  /** The port number inside the container. */
  readonly containerPort: number;
}

/** What every container of a workload can set: the main one, sidecars and init containers. */
export interface ContainerProps {
  /**
   * The image, pinned by a tag other than `latest` or by a digest.
   */
  readonly image: string;
  /**
   * The entrypoint, replacing the image's ENTRYPOINT.
   *
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments to the entrypoint, replacing the image's CMD.
   *
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * Environment variables. Names that look like secrets (`*PASSWORD*`, `*TOKEN*`, ...) must take
   * their value from a Secret.
   *
   * @default - none
   */
  readonly env?: Record<string, EnvValue>;
  /**
   * CPU and memory requests and limits.
   *
   * @default - CPU 50m request / 250m limit, memory 64Mi request / 128Mi limit
   */
  readonly resources?: ContainerResources;
  /**
   * Volumes of the workload mounted into this container.
   *
   * @default - none
   */
  readonly volumeMounts?: VolumeMount[];
  /**
   * Absolute paths the container may write to. The root filesystem is read-only; each path gets
   * its own emptyDir volume, for example `['/tmp']`.
   *
   * @default - none: the container writes nowhere but its mounted volumes
   */
  readonly writablePaths?: string[];
  /**
   * The working directory.
   *
   * @default - the image's WORKDIR
   */
  readonly workingDir?: string;
}

/** A container beside the main one: a helper (sidecar) or an init container. */
export interface NamedContainerProps extends ContainerProps {
  /** The container's name, unique in the pod (a DNS-1123 label). */
  readonly name: string;
}

/** A helper container that runs beside the main one for the pod's whole life. */
export interface SidecarProps extends NamedContainerProps {
  /**
   * Ports the helper listens on, by name.
   *
   * @default - none
   */
  readonly ports?: ContainerPort[];
  /**
   * Whether the helper is ready; the pod receives traffic only when every container is.
   *
   * @default - no readiness probe (the manifest gate asks for one)
   */
  readonly readiness?: Probe;
  /**
   * Whether the helper is alive; it is restarted when this fails. Must differ from readiness.
   *
   * @default - no liveness probe (the manifest gate asks for one)
   */
  readonly liveness?: Probe;
}

/** The parts of a long-running container that only it has: ports, probes, shutdown. */
export interface ServingContainerProps {
  /** Ports, by name. */
  readonly ports: readonly ContainerPort[];
  /**
   * Readiness probe.
   *
   * @default - none
   */
  readonly readiness?: Probe;
  /**
   * Liveness probe; must differ from readiness.
   *
   * @default - none
   */
  readonly liveness?: Probe;
  /**
   * Startup probe.
   *
   * @default - none
   */
  readonly startup?: Probe;
  /**
   * A command run before the container is stopped.
   *
   * @default - none
   */
  readonly preStop?: string[];
}

/** A sidecar's ports and probes, in the shape the renderer takes. */
export function sidecarServing(sidecar: SidecarProps): ServingContainerProps {
  return { ports: sidecar.ports ?? [], readiness: sidecar.readiness, liveness: sidecar.liveness };
}

/** The emptyDir volume name of a writable path: `/var/cache/nginx` becomes `writable-var-cache-nginx`. */
export function writableVolumeName(path: string): string {
  const slug = path
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return `writable-${slug}`.slice(0, 63).replace(/-$/, '');
}

/** An environment variable name as the API server accepts it. */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
/** A ConfigMap or Secret key. */
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;
/** The pod fields the downward API offers to environment variables. */
const FIELD_PATH =
  /^(metadata\.(name|namespace|uid)|metadata\.(labels|annotations)\['[^']+'\]|spec\.(nodeName|serviceAccountName)|status\.(hostIP|hostIPs|podIP|podIPs))$/;

/** Checks one environment variable: its name, where its value comes from, and no plain secrets. */
function checkEnv(check: PropCheck, prop: string, name: string, value: EnvValue): void {
  if (!ENV_NAME.test(name)) {
    check.fail(prop, name, "a name of letters, digits, '_', '-' and '.' that starts with no digit");
  }
  if (value.isPlain && SECRET_LIKE_NAME.test(name)) {
    check.fail(
      prop,
      'a plain value',
      'EnvValue.fromSecret(...): a secret never goes into a manifest',
    );
  }
  const source = value._toKube(name).valueFrom;
  const ref = source?.configMapKeyRef ?? source?.secretKeyRef;
  if (ref) {
    check.dnsSubdomain(`${prop} (${source?.secretKeyRef ? 'Secret' : 'ConfigMap'} name)`, ref.name);
    if (!DATA_KEY.test(ref.key)) {
      check.fail(`${prop} (key)`, ref.key, "a key of letters, digits, '-', '_' and '.'");
    }
  }
  const fieldPath = source?.fieldRef?.fieldPath;
  if (fieldPath !== undefined && !FIELD_PATH.test(fieldPath)) {
    check.fail(
      `${prop} (fieldPath)`,
      fieldPath,
      "a pod field the downward API offers (metadata.name, metadata.namespace, metadata.uid, metadata.labels['…'], metadata.annotations['…'], spec.nodeName, spec.serviceAccountName, status.hostIP(s), status.podIP(s))",
    );
  }
}

/** The container-level security context of Pod Security Standards "restricted". */
const RESTRICTED_CONTAINER_SECURITY: k8s.SecurityContext = {
  allowPrivilegeEscalation: false,
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

/**
 * Renders one container, hardened to Pod Security Standards "restricted", after checking its
 * props. `prop` is the prop path used in messages (`sidecars[0]`, or '' for the main container).
 */
export function renderContainer(
  check: PropCheck,
  prop: string,
  name: string,
  props: ContainerProps,
  serving?: ServingContainerProps,
): k8s.Container {
  const at = (field: string) => (prop ? `${prop}.${field}` : field);
  checkImage(check, at('image'), props.image);
  check.dnsLabel(at('name'), name);
  const env = Object.entries(props.env ?? {});
  for (const [key, value] of env) {
    checkEnv(check, `${at('env')}.${key}`, key, value);
  }
  for (const path of props.writablePaths ?? []) {
    if (!path.startsWith('/')) check.fail(at('writablePaths'), path, 'an absolute path');
  }
  return {
    name,
    image: props.image,
    imagePullPolicy: 'IfNotPresent',
    command: props.command,
    args: props.args,
    workingDir: props.workingDir,
    env: env.length ? env.map(([key, value]) => value._toKube(key)) : undefined,
    resources: renderResources(check, at('resources'), props.resources),
    securityContext: RESTRICTED_CONTAINER_SECURITY,
    volumeMounts: renderMounts(props),
    ...(serving && renderServing(check, prop, serving)),
  };
}

function renderMounts(props: ContainerProps): k8s.VolumeMount[] | undefined {
  const mounts: k8s.VolumeMount[] = [
    ...(props.volumeMounts ?? []).map((m) => ({
      name: m.volume,
      mountPath: m.path,
      readOnly: m.readOnly,
      subPath: m.subPath,
    })),
    ...(props.writablePaths ?? []).map((path) => ({
      name: writableVolumeName(path),
      mountPath: path,
    })),
  ];
  return mounts.length ? mounts : undefined;
}

function renderServing(
  check: PropCheck,
  prop: string,
  serving: ServingContainerProps,
): Partial<k8s.Container> {
  const at = (field: string) => (prop ? `${prop}.${field}` : field);
  const ports = serving.ports;
  ports.forEach((port, i) => {
    check.dnsLabel(`${at('ports')}[${i}].name`, port.name, 15);
    if (!/[a-z]/.test(port.name) || port.name.includes('--')) {
      check.fail(
        `${at('ports')}[${i}].name`,
        port.name,
        "an IANA service name (at least one letter, no '--'), as Kubernetes requires of port names",
      );
    }
    check.integer(`${at('ports')}[${i}].containerPort`, port.containerPort, 1, 65535);
  });
  check.unique(
    `${at('ports')} names`,
    ports.map((p) => p.name),
  );
  check.unique(
    `${at('ports')} numbers`,
    ports.map((p) => String(p.containerPort)),
  );
  const probe = (field: 'readiness' | 'liveness' | 'startup') =>
    serving[field]?._render(check, at(field), ports);
  const readinessProbe = probe('readiness');
  const livenessProbe = probe('liveness');
  if (readinessProbe && livenessProbe && sameHandler(readinessProbe, livenessProbe)) {
    check.fail(
      at('liveness'),
      'the same check as readiness',
      'a different check: a failing readiness probe should take the pod out of the Service, not restart it',
    );
  }
  return {
    ports: ports.length
      ? ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: 'TCP' }))
      : undefined,
    readinessProbe,
    livenessProbe,
    startupProbe: probe('startup'),
    lifecycle: serving.preStop && { preStop: { exec: { command: serving.preStop } } },
  };
}

function sameHandler(a: k8s.Probe, b: k8s.Probe): boolean {
  const handler = (p: k8s.Probe) =>
    JSON.stringify({
      h: p.httpGet && { ...p.httpGet, port: p.httpGet.port.value },
      t: p.tcpSocket?.port.value,
      e: p.exec?.command,
    });
  return handler(a) === handler(b);
}
