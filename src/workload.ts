import { Chart, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import {
  CONTAINER_FIELDS,
  ContainerProps,
  INIT_CONTAINER,
  NamedContainerProps,
  SIDECAR,
  ServingContainerProps,
  SidecarProps,
  renderContainer,
  sidecarServing,
} from './container';
import { versionLabelOf } from './image';
import { recommendedLabels, selectorLabels } from './labels';
import { checkMounts, writableVolumeName } from './mounts';
import { claimName } from './name-registry';
import { NetworkPeer, NetworkPort } from './network-peer';
import { PolicyRules } from './network-policy';
import { ContainerPort } from './ports';
import { PropCheck } from './validation/prop-check';
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

/**
 * The base of every pod-based construct of the library: it names and labels the workload, renders
 * its hardened pod template (Pod Security Standards "restricted"), and writes a dedicated
 * ServiceAccount and a default-deny NetworkPolicy that admits only what is allowed through
 * {@link allowFrom}, {@link allowTo} and {@link connectTo}.
 */
export abstract class Workload<P extends WorkloadProps = WorkloadProps> extends Construct {
  /** The name of the workload and of its objects. */
  public readonly name: string;
  /** The namespace of its chart, if the chart sets one. */
  public readonly namespace?: string;
  /** The `app.kubernetes.io/*` labels of every object it writes and of its pods. */
  public readonly labels: Record<string, string>;
  /** The labels that select its pods and no other workload's. */
  public readonly selector: Record<string, string>;
  /** The ports of the main container (none for batch work). */
  public readonly ports: readonly ContainerPort[];
  /** The dedicated ServiceAccount the pods run as (escape hatch). */
  public readonly serviceAccount: k8s.KubeServiceAccount;
  /** The NetworkPolicy that selects the pods (escape hatch). */
  public readonly networkPolicy: k8s.KubeNetworkPolicy;

  /** Checks and reports this construct's props. */
  protected readonly check: PropCheck;
  private readonly mainContainer: k8s.Container;
  private readonly sidecars: k8s.Container[] = [];
  private readonly initContainers: k8s.Container[] = [];
  private readonly volumes: Record<string, Volume>;
  private readonly claimedVolumes: readonly string[];
  private readonly writablePaths = new Set<string>();
  /** Every port of the pod's long-running containers: no name or number may repeat. */
  private readonly podPorts: { port: ContainerPort; prop: string }[] = [];
  private readonly policy: PolicyRules;
  private readonly podSecurity: k8s.PodSecurityContext;
  private readonly terminationGracePeriodSeconds: number;

  protected constructor(scope: Construct, id: string, props: P, kind: WorkloadKind<P>) {
    const check = PropCheck.forConstruct(kind.kind, scope, id);
    check.shape('', props, kind.props);
    super(scope, id);
    this.check = check;
    this.name = props.name ?? id;
    const serving = kind.serving?.(props);
    // A workload that serves names a Service after itself, and Service names are DNS-1035 labels.
    if (serving) check.dns1035Label('name', this.name, kind.maxNameLength);
    else check.dnsLabel('name', this.name, kind.maxNameLength);
    claimName(check, this, this.name);
    this.namespace = Chart.of(this).namespace;
    check.dnsLabel('namespace (of the chart)', this.namespace);
    this.ports = serving?.ports ?? [];
    const labelProps = {
      name: this.name,
      component: props.component ?? kind.defaultComponent,
      partOf: props.partOf,
      version: versionLabelOf(props.image),
    };
    check.dnsLabel('component', labelProps.component);
    check.dnsLabel('partOf', props.partOf);
    this.labels = recommendedLabels(labelProps);
    this.selector = selectorLabels(labelProps);
    this.volumes = { ...props.volumes };
    this.claimedVolumes = kind.claimedVolumes?.(props) ?? [];
    for (const volume of Object.keys(this.volumes)) {
      check.dnsLabel(`volumes.${volume}`, volume);
      if (this.claimedVolumes.includes(volume)) {
        check.fail(
          `volumes.${volume}`,
          volume,
          'a name no volume claim has (the claim would silently win)',
        );
      }
    }
    this.podSecurity = this.renderPodSecurity(props.podSecurity ?? {});
    this.terminationGracePeriodSeconds = check.duration(
      'terminationGracePeriod',
      props.terminationGracePeriod,
      Duration.seconds(30),
      0,
      3600,
    );

    if (serving?.ports.length === 0) check.fail('ports', [], 'at least one port');
    this.mainContainer = this.renderChecked('', this.name, props, serving);
    props.sidecars?.forEach((s) => this.addSidecar(s));
    props.initContainers?.forEach((c) => this.addInitContainer(c));

    this.serviceAccount = new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: this.metadata(),
      automountServiceAccountToken: false,
    });
    this.policy = new PolicyRules(check);
    this.networkPolicy = this.policy.render(this, this.metadata(), this.selector);
  }

  /** Adds a helper container that runs beside the main one and shares the pod's volumes. */
  public addSidecar(sidecar: SidecarProps): void {
    const prop = `sidecars[${this.sidecars.length}]`;
    this.check.shape(prop, sidecar, SIDECAR);
    this.sidecars.push(this.renderChecked(prop, sidecar.name, sidecar, sidecarServing(sidecar)));
  }

  /** Adds a container that runs to completion before the others start. */
  public addInitContainer(init: NamedContainerProps): void {
    const prop = `initContainers[${this.initContainers.length}]`;
    this.check.shape(prop, init, INIT_CONTAINER);
    this.initContainers.push(this.renderChecked(prop, init.name, init));
  }

  /**
   * Admits traffic from a peer to this workload's pods.
   *
   * @param ports the ports opened; default: every port of the main container
   */
  public allowFrom(peer: NetworkPeer, ports: readonly NetworkPort[] = this.portList()): void {
    this.policy.allowFrom('allowFrom', peer, ports);
  }

  /**
   * Lets this workload's pods open connections to a peer.
   *
   * @param ports the ports opened; default: every port
   */
  public allowTo(peer: NetworkPeer, ports?: readonly NetworkPort[]): void {
    this.policy.allowTo('allowTo', peer, ports);
  }

  /**
   * Lets this workload reach another one (web to database), writing both sides: egress here and
   * ingress there.
   *
   * @param ports the target's ports opened; default: every port of its main container
   */
  public connectTo(target: Workload, ports?: readonly NetworkPort[]): void {
    if (!(target instanceof Workload)) {
      this.check.fail(
        'connectTo target',
        target,
        'a workload of this library, such as a WebApp or a StatefulApp',
      );
    }
    const opened = ports ?? target.portList();
    if (opened.length === 0) {
      this.check.fail('connectTo target', target.node.path, 'a workload that exposes ports');
    }
    target.policy.allowFrom(
      'allowFrom',
      NetworkPeer.pods(this.selector, this.peerNamespace(target)),
      opened,
    );
    this.policy.allowTo(
      'connectTo',
      NetworkPeer.pods(target.selector, target.peerNamespace(this)),
      opened,
    );
  }

  /** Metadata for an object of this workload: its name and labels. */
  protected metadata(extra: Omit<k8s.ObjectMeta, 'name' | 'labels'> = {}): k8s.ObjectMeta {
    return { name: this.name, labels: this.labels, ...extra };
  }

  /**
   * The hardened pod template: restricted security, its own ServiceAccount, no token. `spec` adds
   * what the subclass's controller needs (restartPolicy, affinity); it cannot override the rest.
   */
  protected podTemplate(spec: Partial<k8s.PodSpec> = {}): k8s.PodTemplateSpec {
    return {
      metadata: { labels: this.labels },
      spec: {
        ...spec,
        serviceAccountName: this.name,
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        securityContext: this.podSecurity,
        terminationGracePeriodSeconds: this.terminationGracePeriodSeconds,
        initContainers: Lazy.any({
          produce: () => (this.initContainers.length ? this.initContainers : undefined),
        }),
        containers: Lazy.any({ produce: () => [this.mainContainer, ...this.sidecars] }),
        volumes: Lazy.any({ produce: () => this.renderVolumes() }),
      },
    };
  }

  /** Prefers one pod per node, yet still schedules every pod on a one-node Minikube. */
  protected spreadAcrossNodes(): k8s.Affinity {
    return {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 100,
            podAffinityTerm: {
              topologyKey: 'kubernetes.io/hostname',
              labelSelector: { matchLabels: this.selector },
            },
          },
        ],
      },
    };
  }

  private portList(): NetworkPort[] {
    return this.ports.map((p) => ({ port: p.containerPort }));
  }

  /** The namespace to name in a peer of `other` when the two live in different namespaces. */
  private peerNamespace(other: Workload): string | undefined {
    return this.namespace === other.namespace ? undefined : this.namespace;
  }

  private renderChecked(
    prop: string,
    name: string,
    props: ContainerProps,
    serving?: ServingContainerProps,
  ): k8s.Container {
    const taken = [this.mainContainer, ...this.sidecars, ...this.initContainers].filter(Boolean);
    const within = (field: string) => (prop ? `${prop}.${field}` : field);
    if (taken.some((c) => c.name === name)) {
      this.check.fail(within('name'), name, 'unique among the containers of the pod');
    }
    const declared = [...Object.keys(this.volumes), ...this.claimedVolumes];
    checkMounts(this.check, within, props, declared);
    const container = renderContainer({ check: this.check, prop, name }, props, serving);
    this.claimPorts(within('ports'), serving?.ports ?? []);
    props.writablePaths?.forEach((path) => {
      const volume = writableVolumeName(path);
      const owner =
        [...this.writablePaths].find((p) => p !== path && writableVolumeName(p) === volume) ??
        declared.find((v) => v === volume);
      if (owner !== undefined) {
        this.check.fail(
          within('writablePaths'),
          path,
          `a path whose emptyDir name '${volume}' is not taken ('${owner}' has it)`,
        );
      }
      this.writablePaths.add(path);
    });
    return container;
  }

  /** Refuses a port whose name or number another container of the pod already has. */
  private claimPorts(prop: string, ports: readonly ContainerPort[]): void {
    ports.forEach((port, i) => {
      for (const other of this.podPorts) {
        const clash =
          other.port.name === port.name
            ? 'name'
            : other.port.containerPort === port.containerPort
              ? 'number'
              : undefined;
        if (clash !== undefined) {
          const value = clash === 'name' ? port.name : port.containerPort;
          this.check.fail(
            `${prop}[${i}].${clash === 'name' ? 'name' : 'containerPort'}`,
            value,
            `a port ${clash} no other container of the pod uses (${other.prop || 'the main container'} has it)`,
          );
        }
      }
    });
    this.podPorts.push(...ports.map((port) => ({ port, prop: prop.replace(/\.?ports$/, '') })));
  }

  private renderPodSecurity(props: PodSecurityProps): k8s.PodSecurityContext {
    this.check.integer('podSecurity.runAsUser', props.runAsUser, 1, 2147483647);
    this.check.integer('podSecurity.runAsGroup', props.runAsGroup, 1, 2147483647);
    this.check.integer('podSecurity.fsGroup', props.fsGroup, 1, 2147483647);
    const runAsGroup = props.runAsGroup ?? 10001;
    return {
      runAsNonRoot: true,
      runAsUser: props.runAsUser ?? 10001,
      runAsGroup,
      fsGroup: props.fsGroup ?? runAsGroup,
      seccompProfile: { type: 'RuntimeDefault' },
    };
  }

  private renderVolumes(): k8s.Volume[] | undefined {
    const volumes = [
      ...Object.entries(this.volumes).map(([name, volume]) => volume._toKube(name)),
      ...[...this.writablePaths].map((path) => Volume.emptyDir()._toKube(writableVolumeName(path))),
    ];
    return volumes.length ? volumes : undefined;
  }
}
