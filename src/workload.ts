import { isIP } from 'net';
import { Chart, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { PropCheck } from './check';
import {
  ContainerPort,
  ContainerProps,
  NamedContainerProps,
  ServingContainerProps,
  SidecarProps,
  renderContainer,
  sidecarServing,
  writableVolumeName,
} from './container';
import { versionLabelOf } from './image';
import { recommendedLabels, selectorLabels } from './labels';
import { DNS_EGRESS, NetworkPeer, NetworkPort, renderPorts } from './network-peer';
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

/** How a subclass of {@link Workload} describes itself to the base. */
export interface WorkloadKind {
  /** The construct's class name, for messages. */
  readonly kind: string;
  /** The component label when the user gives none. */
  readonly defaultComponent: string;
  /** The longest name Kubernetes accepts for the workload's objects. */
  readonly maxNameLength: number;
  /**
   * Ports, probes and shutdown of the main container, for long-running workloads.
   *
   * @default - none: a run-to-completion workload without ports or probes
   */
  readonly serving?: ServingContainerProps;
  /**
   * Volumes the controller provides rather than the pod (a StatefulSet's claim templates).
   *
   * @default - none
   */
  readonly claimedVolumes?: readonly string[];
}

const chartNames = new WeakMap<Chart, Map<string, Construct>>();

/** Whether a text is an IPv4 or IPv6 range in CIDR notation. */
function isCidr(text: string): boolean {
  const [address, prefix, ...rest] = text.split('/');
  const version = isIP(address);
  const bits = Number(prefix);
  return (
    version !== 0 &&
    rest.length === 0 &&
    /^\d+$/.test(prefix ?? '') &&
    bits <= (version === 4 ? 32 : 128)
  );
}

/**
 * Reserves a name among the workloads of `owner`'s chart, for the objects named after it (a
 * workload's, a BlueGreenWebApp's live Service, a StatefulApp's headless Service), so that no two
 * write objects of one kind and name; refuses a name already taken.
 */
export function claimName(check: PropCheck, owner: Construct, name: string, prop = 'name'): void {
  const chart = Chart.of(owner);
  const names = chartNames.get(chart) ?? new Map<string, Construct>();
  chartNames.set(chart, names);
  const other = names.get(name);
  if (other) {
    check.fail(prop, name, `unique among the workloads of the chart ('${other.node.path}' has it)`);
  }
  names.set(name, owner);
}

/**
 * The base of every pod-based construct of the library: it names and labels the workload, renders
 * its hardened pod template (Pod Security Standards "restricted"), and writes a dedicated
 * ServiceAccount and a default-deny NetworkPolicy that admits only what is allowed through
 * {@link allowFrom}, {@link allowTo} and {@link connectTo}.
 */
export abstract class Workload extends Construct {
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
  private readonly ingressRules: k8s.NetworkPolicyIngressRule[] = [];
  private readonly egressRules: k8s.NetworkPolicyEgressRule[] = [DNS_EGRESS];
  private readonly podSecurity: k8s.PodSecurityContext;
  private readonly terminationGracePeriodSeconds: number;

  protected constructor(scope: Construct, id: string, props: WorkloadProps, kind: WorkloadKind) {
    super(scope, id);
    this.check = new PropCheck(kind.kind, this);
    this.name = props.name ?? id;
    // A workload that serves names a Service after itself, and Service names are DNS-1035 labels.
    if (kind.serving) this.check.dns1035Label('name', this.name, kind.maxNameLength);
    else this.check.dnsLabel('name', this.name, kind.maxNameLength);
    claimName(this.check, this, this.name);
    this.namespace = Chart.of(this).namespace;
    if (this.namespace !== undefined)
      this.check.dnsLabel('namespace (of the chart)', this.namespace);
    this.ports = kind.serving?.ports ?? [];
    const labelProps = {
      name: this.name,
      component: props.component ?? kind.defaultComponent,
      partOf: props.partOf,
      version: versionLabelOf(props.image),
    };
    this.check.dnsLabel('component', labelProps.component);
    if (props.partOf !== undefined) this.check.dnsLabel('partOf', props.partOf);
    this.labels = recommendedLabels(labelProps);
    this.selector = selectorLabels(labelProps);
    this.volumes = { ...props.volumes };
    this.claimedVolumes = kind.claimedVolumes ?? [];
    for (const volume of Object.keys(this.volumes))
      this.check.dnsLabel(`volumes.${volume}`, volume);
    this.podSecurity = this.renderPodSecurity(props.podSecurity ?? {});
    this.terminationGracePeriodSeconds = this.check.duration(
      'terminationGracePeriod',
      props.terminationGracePeriod,
      Duration.seconds(30),
      0,
      3600,
    );

    if (kind.serving?.ports.length === 0) this.check.fail('ports', [], 'at least one port');
    this.mainContainer = this.renderChecked('', this.name, props, kind.serving);
    props.sidecars?.forEach((s) => this.addSidecar(s));
    props.initContainers?.forEach((c) => this.addInitContainer(c));

    this.serviceAccount = new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: this.metadata(),
      automountServiceAccountToken: false,
    });
    this.networkPolicy = new k8s.KubeNetworkPolicy(this, 'NetworkPolicy', {
      metadata: this.metadata(),
      spec: {
        podSelector: { matchLabels: this.selector },
        policyTypes: ['Ingress', 'Egress'],
        ingress: Lazy.any({
          produce: () => (this.ingressRules.length ? this.ingressRules : undefined),
        }),
        egress: Lazy.any({ produce: () => this.egressRules }),
      },
    });
  }

  /** Adds a helper container that runs beside the main one and shares the pod's volumes. */
  public addSidecar(sidecar: SidecarProps): void {
    const prop = `sidecars[${this.sidecars.length}]`;
    this.sidecars.push(this.renderChecked(prop, sidecar.name, sidecar, sidecarServing(sidecar)));
  }

  /** Adds a container that runs to completion before the others start. */
  public addInitContainer(init: NamedContainerProps): void {
    const prop = `initContainers[${this.initContainers.length}]`;
    this.initContainers.push(this.renderChecked(prop, init.name, init));
  }

  /**
   * Admits traffic from a peer to this workload's pods.
   *
   * @param ports the ports opened; default: every port of the main container
   */
  public allowFrom(peer: NetworkPeer, ports: readonly NetworkPort[] = this.portList()): void {
    // An empty port list would open every port, the opposite of what was asked.
    if (ports.length === 0) this.check.fail('allowFrom ports', [], 'at least one port');
    this.ingressRules.push({
      from: this.checkedPeers('allowFrom', peer),
      ports: this.checkedPorts('allowFrom', ports),
    });
  }

  /**
   * Lets this workload's pods open connections to a peer.
   *
   * @param ports the ports opened; default: every port
   */
  public allowTo(peer: NetworkPeer, ports?: readonly NetworkPort[]): void {
    this.egressRules.push({
      to: this.checkedPeers('allowTo', peer),
      ports: ports && this.checkedPorts('allowTo', ports),
    });
  }

  /**
   * Lets this workload reach another one (web to database), writing both sides: egress here and
   * ingress there.
   *
   * @param ports the target's ports opened; default: every port of its main container
   */
  public connectTo(target: Workload, ports: readonly NetworkPort[] = target.portList()): void {
    if (ports.length === 0) {
      this.check.fail('connectTo target', target.node.path, 'a workload that exposes ports');
    }
    target.allowFrom(NetworkPeer.pods(this.selector, this.peerNamespace(target)), ports);
    this.allowTo(NetworkPeer.pods(target.selector, target.peerNamespace(this)), ports);
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

  /** The peer's selectors, after checking its IP blocks are CIDRs. */
  private checkedPeers(method: string, peer: NetworkPeer): k8s.NetworkPolicyPeer[] {
    const peers = peer._toKube();
    for (const { ipBlock } of peers) {
      for (const cidr of ipBlock ? [ipBlock.cidr, ...(ipBlock.except ?? [])] : []) {
        if (!isCidr(cidr)) this.check.fail(`${method} peer`, cidr, "a CIDR such as '10.0.0.0/8'");
      }
    }
    return peers;
  }

  /** The ports, after checking each is a port number or a port name. */
  private checkedPorts(method: string, ports: readonly NetworkPort[]): k8s.NetworkPolicyPort[] {
    ports.forEach(({ port }, i) => {
      if (typeof port === 'number') this.check.integer(`${method} ports[${i}]`, port, 1, 65535);
      else this.check.dnsLabel(`${method} ports[${i}]`, port, 15);
    });
    return renderPorts(ports)!;
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
    if (taken.some((c) => c.name === name)) {
      this.check.fail(`${prop}.name`, name, 'unique among the containers of the pod');
    }
    const within = (field: string) => (prop ? `${prop}.${field}` : field);
    const declared = [...Object.keys(this.volumes), ...this.claimedVolumes];
    (props.volumeMounts ?? []).forEach((mount, i) => {
      const at = within(`volumeMounts[${i}]`);
      if (!declared.includes(mount.volume)) {
        const names = declared.map((v) => `'${v}'`).join(', ') || 'none';
        this.check.fail(`${at}.volume`, mount.volume, `a volume declared in volumes (${names})`);
      }
      if (!mount.path.startsWith('/'))
        this.check.fail(`${at}.path`, mount.path, 'an absolute path');
    });
    // Kubernetes refuses two mounts at one path in a container.
    const mountPaths = [
      ...(props.volumeMounts ?? []).map((m) => m.path),
      ...(props.writablePaths ?? []),
    ];
    this.check.unique(within('volumeMounts and writablePaths'), mountPaths);
    const container = renderContainer(this.check, prop, name, props, serving);
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
