import { Duration } from 'cdk8s';
import {
  CONTAINER_FIELDS,
  ContainerProps,
  INIT_CONTAINER,
  NamedContainerProps,
  SIDECAR,
  ServingContainerProps,
  SidecarProps,
} from './container';
import {
  DURATION,
  Fields,
  NUMBER,
  STRING,
  Shape,
  instanceOf,
  listOf,
  mapOf,
  objectOf,
  optional,
} from './validation/shapes';
import { Volume } from './volume';

/** The identity a workload's pods run as. */
export interface PodSecurityProps {
  /**
   * The user ID of every container's process; never 0.
   *
   * @default 10001
   */
  readonly runAsUser?: number;
  /**
   * The primary group ID of every container's process.
   *
   * @default 10001
   */
  readonly runAsGroup?: number;
  /**
   * The group that owns mounted volumes, so the containers can write to them.
   *
   * @default - the runAsGroup
   */
  readonly fsGroup?: number;
}

/** What every pod-based workload takes: its main container, helpers, volumes and identity. */
export interface WorkloadProps extends ContainerProps {
  /**
   * The name of the workload and of every object it writes (a DNS-1123 label), unique among the
   * workloads of its chart.
   *
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The application the workload belongs to (`app.kubernetes.io/part-of`).
   *
   * @default - no part-of label
   */
  readonly partOf?: string;
  /**
   * The role of the workload (`app.kubernetes.io/component`); part of the pod selector.
   *
   * @default - 'web' for a WebApp, 'database' for a StatefulApp, 'job' for a Job, 'cronjob' for a
   *   CronJob
   */
  readonly component?: string;
  /**
   * Helper containers that run beside the main one for the pod's whole life.
   *
   * @default - none
   */
  readonly sidecars?: SidecarProps[];
  /**
   * Containers that run to completion, in order, before the others start.
   *
   * @default - none
   */
  readonly initContainers?: NamedContainerProps[];
  /**
   * Volumes the containers can mount, by name.
   *
   * @default - none besides the emptyDirs of `writablePaths`
   */
  readonly volumes?: Record<string, Volume>;
  /**
   * The non-root identity of the pod's processes.
   *
   * @default - user and group 10001
   */
  readonly podSecurity?: PodSecurityProps;
  /**
   * How long the containers get to stop after SIGTERM before they are killed.
   *
   * @default Duration.seconds(30)
   */
  readonly terminationGracePeriod?: Duration;
}

/** The runtime types of {@link WorkloadProps}, for the shapes of the constructs' props. */
export const WORKLOAD_FIELDS: Fields<WorkloadProps> = {
  ...CONTAINER_FIELDS,
  name: optional(STRING),
  partOf: optional(STRING),
  component: optional(STRING),
  sidecars: optional(
    listOf(SIDECAR, "a list of sidecars such as [{ name: 'helper', image: 'busybox:1.36' }]"),
  ),
  initContainers: optional(
    listOf(
      INIT_CONTAINER,
      "a list of init containers such as [{ name: 'seed', image: 'busybox:1.36' }]",
    ),
  ),
  volumes: optional(
    mapOf(
      instanceOf(Volume, 'a Volume, such as Volume.emptyDir()'),
      'volumes by name, such as { cache: Volume.emptyDir() }',
    ),
  ),
  podSecurity: optional(
    objectOf<PodSecurityProps>('pod security settings', {
      runAsUser: optional(NUMBER),
      runAsGroup: optional(NUMBER),
      fsGroup: optional(NUMBER),
    }),
  ),
  terminationGracePeriod: optional(DURATION),
};

/** How a subclass of {@link Workload} describes itself to the base. */
export interface WorkloadKind<P extends WorkloadProps> {
  /** The construct's class name, for messages. */
  readonly kind: string;
  /** The runtime type of its props, checked before anything reads them. */
  readonly props: Shape;
  /** The component label when the user gives none. */
  readonly defaultComponent: string;
  /** The longest name Kubernetes accepts for the workload's objects. */
  readonly maxNameLength: number;
  /**
   * Ports, probes and shutdown of the main container, for long-running workloads.
   *
   * @default - none: a run-to-completion workload without ports or probes
   */
  readonly serving?: (props: P) => ServingContainerProps;
  /**
   * Volumes the controller provides rather than the pod (a StatefulSet's claim templates).
   *
   * @default - none
   */
  readonly claimedVolumes?: (props: P) => readonly string[];
}
