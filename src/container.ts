import * as k8s from '../imports/k8s';
import { EnvValue } from './env';
import { checkImage } from './image';
import { CONTAINER_PORT_FIELDS, ContainerPort, checkPorts } from './ports';
import { Probe } from './probe';
import { CONTAINER_RESOURCES, ContainerResources, renderResources } from './resources';
import { MOUNT_PATH, WORKING_DIR } from './validation/file-paths';
import { ENV_NAME } from '../model/names';
import { PropCheck } from './validation/prop-check';
import {
  Fields,
  STRING,
  instanceOf,
  listOf,
  mapOf,
  objectOf,
  optional,
  required,
} from './validation/shapes';
import { VOLUME_MOUNT, VolumeMount } from './volume';
import { writableVolumeName } from './mounts';

/** Environment variable names that hold secrets: their values must come from a Secret. */
const SECRET_LIKE_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY)/i;
/**
 * The `*_FILE` convention of official images (`POSTGRES_PASSWORD_FILE`): such a variable holds the
 * path of a mounted file that holds the secret, not the secret itself.
 */
const SECRET_FILE_NAME = /_FILE$/i;

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
   * their value from a Secret, except `*_FILE` variables, which may hold the absolute path of a
   * mounted file that holds the secret (`POSTGRES_PASSWORD_FILE: '/secrets/db/password'`).
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
   * The working directory, an absolute path.
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
   * Ports the helper listens on, by name; no port name or number may repeat in the pod.
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

const STRINGS = listOf(STRING);
/** A probe made by `Probe.httpGet`, `Probe.tcp` or `Probe.exec`. */
export const PROBE = instanceOf(Probe, "a Probe, such as Probe.httpGet('/healthz')");
/** A list of ports of a container. */
export const PORTS = listOf(
  objectOf<ContainerPort>('port settings', CONTAINER_PORT_FIELDS),
  "a list of ports such as [{ name: 'http', containerPort: 8080 }]",
);

/** The runtime types of {@link ContainerProps}. */
export const CONTAINER_FIELDS: Fields<ContainerProps> = {
  image: required(STRING),
  command: optional(STRINGS),
  args: optional(STRINGS),
  env: optional(
    mapOf(
      instanceOf(EnvValue, "an EnvValue, such as EnvValue.fromValue('x')"),
      "environment variables such as { LOG_LEVEL: EnvValue.fromValue('info') }",
    ),
  ),
  resources: optional(CONTAINER_RESOURCES),
  volumeMounts: optional(
    listOf(VOLUME_MOUNT, "a list of mounts such as [{ volume: 'data', path: '/data' }]"),
  ),
  writablePaths: optional(STRINGS),
  workingDir: optional(STRING),
};

/** The runtime type of an init container. */
export const INIT_CONTAINER = objectOf<NamedContainerProps>('init container settings', {
  ...CONTAINER_FIELDS,
  name: required(STRING),
});

/** The runtime type of a sidecar. */
export const SIDECAR = objectOf<SidecarProps>('sidecar settings', {
  ...CONTAINER_FIELDS,
  name: required(STRING),
  ports: optional(PORTS),
  readiness: optional(PROBE),
  liveness: optional(PROBE),
});

/** A sidecar's ports and probes, in the shape the renderer takes. */
export function sidecarServing(sidecar: SidecarProps): ServingContainerProps {
  return { ports: sidecar.ports ?? [], readiness: sidecar.readiness, liveness: sidecar.liveness };
}

/**
 * Checks one environment variable: its name, and that no secret is written in plain. The message
 * never shows a plain value of a secret-looking variable.
 */
function checkEnv(check: PropCheck, prop: string, name: string, value: EnvValue): void {
  check.grammar(prop, name, ENV_NAME);
  if (!value.isPlain || !SECRET_LIKE_NAME.test(name)) return;
  if (SECRET_FILE_NAME.test(name)) {
    if (!MOUNT_PATH.test(value._toKube(name).value ?? '')) {
      check.fail(
        prop,
        'a plain value',
        'the absolute path of a mounted file that holds the secret (a *_FILE variable), or EnvValue.fromSecret(...): a secret never goes into a manifest',
      );
    }
    return;
  }
  check.fail(
    prop,
    'a plain value',
    'EnvValue.fromSecret(...): a secret never goes into a manifest',
  );
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

/** Where one container is rendered: its prop path in messages ('' for the main container) and name. */
export interface ContainerContext {
  /** Checks and reports the props. */
  readonly check: PropCheck;
  /** The prop path in messages: `sidecars[0]`, or '' for the main container. */
  readonly prop: string;
  /** The container's name. */
  readonly name: string;
}

/**
 * Renders one container, hardened to Pod Security Standards "restricted", after checking its
 * props (their runtime types were checked by the construct's shape). Mounts are checked by the
 * workload, which knows the pod's volumes.
 */
export function renderContainer(
  { check, prop, name }: ContainerContext,
  props: ContainerProps,
  serving?: ServingContainerProps,
): k8s.Container {
  const at = (field: string) => (prop ? `${prop}.${field}` : field);
  checkImage(check, at('image'), props.image);
  check.dnsLabel(at('name'), name);
  check.grammar(at('workingDir'), props.workingDir, WORKING_DIR);
  const env = Object.entries(props.env ?? {});
  for (const [key, value] of env) checkEnv(check, `${at('env')}.${key}`, key, value);
  return {
    name,
    image: props.image,
    imagePullPolicy: 'IfNotPresent',
    command: props.command && [...props.command],
    args: props.args && [...props.args],
    workingDir: props.workingDir,
    env: env.length ? env.map(([key, value]) => value._toKube(key)) : undefined,
    resources: renderResources(check, at('resources'), props.resources),
    securityContext: RESTRICTED_CONTAINER_SECURITY,
    volumeMounts: renderMounts(props),
    ...(serving && renderServing(check, at, serving)),
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
  at: (field: string) => string,
  serving: ServingContainerProps,
): Partial<k8s.Container> {
  const ports = serving.ports;
  checkPorts(check, at('ports'), ports);
  const probe = (field: 'readiness' | 'liveness' | 'startup') =>
    serving[field]?._render(check, at(field), ports);
  const readinessProbe = probe('readiness');
  const livenessProbe = probe('liveness');
  const { readiness, liveness } = serving;
  if (readiness && liveness && readiness._target(ports) === liveness._target(ports)) {
    check.fail(
      at('liveness'),
      'the same check as readiness',
      'a different check: a failing readiness probe should take the pod out of the Service, not restart it',
    );
  }
  if (
    serving.preStop !== undefined &&
    (serving.preStop.length === 0 || serving.preStop[0] === '')
  ) {
    check.fail(at('preStop'), serving.preStop, 'a non-empty list of strings, the program first');
  }
  return {
    ports: ports.length
      ? ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: 'TCP' }))
      : undefined,
    readinessProbe,
    livenessProbe,
    startupProbe: probe('startup'),
    lifecycle: serving.preStop && { preStop: { exec: { command: [...serving.preStop] } } },
  };
}
