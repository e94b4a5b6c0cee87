import { Size, SizeRoundingBehavior } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { PORTS, PROBE } from './container';
import {
  DISRUPTION_BUDGET,
  DisruptionBudgetProps,
  renderDisruptionBudget,
} from './disruption-budget';
import { claimName } from './name-registry';
import { ContainerPort } from './ports';
import { Probe } from './probe';
import { ServiceType, renderService, serviceHost } from './service';
import { DNS_SUBDOMAIN_NAME } from '../model/names';
import {
  NUMBER,
  SIZE,
  STRING,
  listOf,
  mapOf,
  objectOf,
  oneOf,
  optional,
  required,
} from './validation/shapes';
import { Workload } from './workload';
import { WORKLOAD_FIELDS, WorkloadKind, WorkloadProps } from './workload-props';

/** How a PersistentVolume may be mounted. */
export enum AccessMode {
  /** Read-write by the pods of a single node. */
  READ_WRITE_ONCE = 'ReadWriteOnce',
  /** Read-write by a single pod. */
  READ_WRITE_ONCE_POD = 'ReadWriteOncePod',
}

/** A PersistentVolumeClaim written for each pod of a {@link StatefulApp}. */
export interface VolumeClaimProps {
  /** The storage requested. */
  readonly storage: Size;
  /**
   * The StorageClass that provisions the volume.
   *
   * @default - the cluster's default StorageClass (`standard` on Minikube)
   */
  readonly storageClassName?: string;
  /**
   * How the volume may be mounted.
   *
   * @default AccessMode.READ_WRITE_ONCE
   */
  readonly accessMode?: AccessMode;
}

/** Props of a {@link StatefulApp}. */
export interface StatefulAppProps extends WorkloadProps {
  /** Ports of the main container, each exposed by the Service under the same name. */
  readonly ports: ContainerPort[];
  /** Whether a pod may receive traffic. */
  readonly readiness: Probe;
  /** Whether the container is alive; must differ from readiness. */
  readonly liveness: Probe;
  /**
   * Holds readiness and liveness back until a slow start has finished.
   *
   * @default - no startup probe
   */
  readonly startup?: Probe;
  /**
   * A command run before the container is stopped.
   *
   * @default - none
   */
  readonly preStop?: string[];
  /**
   * The number of pods, each with its own volumes.
   *
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Persistent volumes per pod, by name; containers mount them like any other volume. They
   * outlive the pods: a rescheduled pod gets its own volume back.
   *
   * @default - none
   */
  readonly volumeClaims?: Record<string, VolumeClaimProps>;
  /**
   * The PodDisruptionBudget, written when two or more pods run.
   *
   * @default - { maxUnavailable: 1 }
   */
  readonly disruptionBudget?: DisruptionBudgetProps;
  /**
   * Old revisions kept for `kubectl rollout undo`.
   *
   * @default 10
   */
  readonly revisionHistoryLimit?: number;
}

/**
 * A stateful service such as a database: a StatefulSet whose pods keep their own
 * PersistentVolumeClaims across rescheduling, a ClusterIP Service `<name>` that clients use, the
 * headless Service `<name>-headless` that gives each pod a stable DNS name, and the hardened pod,
 * ServiceAccount and default-deny NetworkPolicy of every {@link Workload}: only workloads that
 * {@link Workload.connectTo} it can reach it.
 */
export class StatefulApp extends Workload<StatefulAppProps> {
  /** The StatefulSet (escape hatch). */
  public readonly statefulSet: k8s.KubeStatefulSet;
  /** The ClusterIP Service clients connect to (escape hatch). */
  public readonly service: k8s.KubeService;
  /** The headless Service that governs the pods' DNS names (escape hatch). */
  public readonly headlessService: k8s.KubeService;
  /** The PodDisruptionBudget, if two or more pods run (escape hatch). */
  public readonly disruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The in-cluster DNS name of the Service. */
  public readonly serviceHost: string;

  public constructor(scope: Construct, id: string, props: StatefulAppProps) {
    super(scope, id, props, STATEFUL_APP_KIND);
    const claims = props.volumeClaims ?? {};
    this.check.integer('replicas', props.replicas, 1, 100);
    this.check.integer('revisionHistoryLimit', props.revisionHistoryLimit, 0, 100);
    const replicas = props.replicas ?? 1;
    const headlessName = `${this.name}-headless`;
    claimName(this.check, this, headlessName, 'name (with -headless, its headless Service)');

    this.statefulSet = new k8s.KubeStatefulSet(this, 'StatefulSet', {
      metadata: this.metadata(),
      spec: {
        replicas,
        serviceName: headlessName,
        selector: { matchLabels: this.selector },
        updateStrategy: { type: 'RollingUpdate' },
        revisionHistoryLimit: props.revisionHistoryLimit ?? 10,
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        template: this.podTemplate({
          affinity: replicas > 1 ? this.spreadAcrossNodes() : undefined,
        }),
        volumeClaimTemplates: Object.entries(claims).map(([name, claim]) =>
          this.renderClaim(name, claim),
        ),
      },
    });
    this.service = renderService(this, {
      check: this.check,
      metadata: this.metadata(),
      selector: this.selector,
      ports: props.ports,
      type: ServiceType.CLUSTER_IP,
    });
    this.headlessService = new k8s.KubeService(this, 'HeadlessService', {
      metadata: { ...this.metadata(), name: headlessName },
      spec: {
        clusterIp: 'None',
        publishNotReadyAddresses: true,
        selector: this.selector,
        ports: props.ports.map((p) => ({ name: p.name, port: p.containerPort, protocol: 'TCP' })),
      },
    });
    this.disruptionBudget = renderDisruptionBudget(this, {
      check: this.check,
      metadata: this.metadata(),
      selector: this.selector,
      fewestPods: replicas,
      replicated: replicas > 1,
      props: props.disruptionBudget,
    });
    this.serviceHost = serviceHost(this.name, this.namespace);
  }

  private renderClaim(name: string, claim: VolumeClaimProps): k8s.KubePersistentVolumeClaimProps {
    this.check.dnsLabel(`volumeClaims.${name}`, name);
    this.check.grammar(
      `volumeClaims.${name}.storageClassName`,
      claim.storageClassName,
      DNS_SUBDOMAIN_NAME,
    );
    const mebibytes = claim.storage.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
    this.check.integer(`volumeClaims.${name}.storage (MiB)`, mebibytes, 1, Number.MAX_SAFE_INTEGER);
    return {
      metadata: { name, labels: this.labels },
      spec: {
        accessModes: [claim.accessMode ?? AccessMode.READ_WRITE_ONCE],
        storageClassName: claim.storageClassName,
        resources: { requests: { storage: k8s.Quantity.fromString(`${mebibytes}Mi`) } },
      },
    };
  }
}

/** How a StatefulApp describes itself to its base. */
const STATEFUL_APP_KIND: WorkloadKind<StatefulAppProps> = {
  kind: 'StatefulApp',
  props: objectOf<StatefulAppProps>('StatefulApp props', {
    ...WORKLOAD_FIELDS,
    ports: required(PORTS),
    readiness: required(PROBE),
    liveness: required(PROBE),
    startup: optional(PROBE),
    preStop: optional(listOf(STRING)),
    replicas: optional(NUMBER),
    volumeClaims: optional(
      mapOf(
        objectOf<VolumeClaimProps>('volume claim settings', {
          storage: required(SIZE),
          storageClassName: optional(STRING),
          accessMode: optional(oneOf(Object.values(AccessMode))),
        }),
        'volume claims by name, such as { data: { storage: Size.gibibytes(1) } }',
      ),
    ),
    disruptionBudget: optional(DISRUPTION_BUDGET),
    revisionHistoryLimit: optional(NUMBER),
  }),
  defaultComponent: 'database',
  // Kubernetes labels each pod with `<name>-<hash of up to 10 digits>` (controller-revision-hash).
  maxNameLength: 52,
  serving: (props) => props,
  claimedVolumes: (props) => Object.keys(props.volumeClaims ?? {}),
};
