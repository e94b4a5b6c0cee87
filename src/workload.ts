import { Chart, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import type * as kplus from 'cdk8s-plus-27';
import * as k8s from '../imports/k8s';
import {
  ContainerProps,
  INIT_CONTAINER,
  NamedContainerProps,
  SIDECAR,
  SidecarProps,
  sidecarServing,
} from './container';
import { versionLabelOf } from './image';
import { recommendedLabels, selectorLabels } from './labels';
import { claimName } from './name-registry';
import { ConnectTarget, admitAtForeignPods, isConnectTarget } from './connections';
import { DeployOrder } from './deploy-order';
import { isKplusPeer, podSelectorConfig } from './kplus-interop';
import { NetworkPeer, NetworkPort, OwnPods, Peer } from './network-peer';
import { PolicyRules } from './network-policy';
import { PodContainers } from './pod-containers';
import { Volume } from './volume';
import { ContainerPort } from './ports';
import { PropCheck } from './validation/prop-check';
import { PodSecurityProps, WorkloadKind, WorkloadProps } from './workload-props';

/**
 * The base of every pod-based construct of the library: it names and labels the workload, renders
 * its hardened pod template (Pod Security Standards "restricted"), and writes a dedicated
 * ServiceAccount and a default-deny NetworkPolicy that admits only what is allowed through
 * {@link allowFrom}, {@link allowTo} and {@link connectTo}.
 */
export abstract class Workload<P extends WorkloadProps = WorkloadProps>
  extends Construct
  implements kplus.INetworkPolicyPeer, kplus.IPodSelector, ConnectTarget
{
  /** The name of the workload and of its objects. */
  public readonly name: string;
  /** The namespace of its chart, if the chart sets one. */
  public readonly namespace?: string;
  /** The `app.kubernetes.io/*` labels of every object it writes and of its pods. */
  public readonly labels: Readonly<Record<string, string>>;
  /** The labels that select its pods and no other workload's. */
  public readonly selector: Readonly<Record<string, string>>;
  /** The ports of the main container (none for batch work). */
  public readonly ports: readonly ContainerPort[];
  /** The dedicated ServiceAccount the pods run as (escape hatch). */
  public readonly serviceAccount: k8s.KubeServiceAccount;
  /** The NetworkPolicy that selects the pods (escape hatch). */
  public readonly networkPolicy: k8s.KubeNetworkPolicy;

  /** Checks and reports this construct's props. */
  protected readonly check: PropCheck;
  private readonly pod: PodContainers;
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
    this.ports = Object.freeze((serving?.ports ?? []).map((p) => Object.freeze({ ...p })));
    const labelProps = {
      name: this.name,
      component: props.component ?? kind.defaultComponent,
      partOf: props.partOf,
      version: versionLabelOf(props.image),
    };
    check.dnsLabel('component', labelProps.component);
    check.dnsLabel('partOf', props.partOf);
    this.labels = Object.freeze(recommendedLabels(labelProps));
    this.selector = Object.freeze(selectorLabels(labelProps));
    this.pod = new PodContainers(check, { ...props.volumes }, kind.claimedVolumes?.(props) ?? []);
    this.podSecurity = this.renderPodSecurity(props.podSecurity ?? {});
    this.terminationGracePeriodSeconds = check.duration(
      'terminationGracePeriod',
      props.terminationGracePeriod,
      Duration.seconds(30),
      0,
      3600,
    );

    if (serving?.ports.length === 0) check.fail('ports', [], 'at least one port');
    this.pod.setMain(this.name, props, serving);
    this.dependOn(Object.values(props.volumes ?? {}), props);
    props.sidecars?.forEach((s) => this.addSidecar(s));
    props.initContainers?.forEach((c) => this.addInitContainer(c));

    this.serviceAccount = new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: this.metadata(),
      automountServiceAccountToken: false,
    });
    this.policy = new PolicyRules(check, this.namespace);
    this.networkPolicy = this.policy.render(this, this.metadata(), this.selector);
  }

  /** Adds a helper container that runs beside the main one and shares the pod's volumes. */
  public addSidecar(sidecar: SidecarProps): void {
    const prop = `sidecars[${this.pod.sidecarCount}]`;
    this.check.shape(prop, sidecar, SIDECAR);
    this.pod.addSidecar(prop, sidecar.name, sidecar, sidecarServing(sidecar));
    this.dependOn([], sidecar);
  }

  /** Adds a container that runs to completion before the others start. */
  public addInitContainer(init: NamedContainerProps): void {
    const prop = `initContainers[${this.pod.initCount}]`;
    this.check.shape(prop, init, INIT_CONTAINER);
    this.pod.addInit(prop, init.name, init);
    this.dependOn([], init);
  }

  /**
   * Admits traffic from a peer to this workload's pods: a {@link NetworkPeer}, a workload of this
   * library, or any cdk8s-plus peer (a `Deployment`, `Pods.select(...)`, `Namespaces.select(...)`).
   *
   * @param ports the ports opened; default: every port of the main container
   */
  public allowFrom(peer: Peer, ports: readonly NetworkPort[] = this.portList()): void {
    this.policy.allowFrom('allowFrom', peer, ports);
  }

  /**
   * Lets this workload's pods open connections to a peer (as for {@link allowFrom}).
   *
   * @param ports the ports opened; default: every port
   */
  public allowTo(peer: Peer, ports?: readonly NetworkPort[]): void {
    this.policy.allowTo('allowTo', peer, ports);
  }

  /**
   * Lets this workload reach another one (web to database), writing both sides: egress here and
   * ingress there. The target is a workload or a blue/green pair of this library (every release of
   * it), or pods of cdk8s-plus (a `Deployment`, `Pods.select(...)`), whose side is a cdk8s-plus
   * NetworkPolicy that admits this workload. This workload is deployed after the target is ready
   * (see {@link DeployOrder}).
   *
   * @param ports the target's ports opened; default: every port of its main container (of a
   *   cdk8s-plus target: every port)
   */
  public connectTo(target: Peer, ports?: readonly NetworkPort[]): void {
    if (Construct.isConstruct(target)) DeployOrder.of(this).addAfter(this, target);
    if (isConnectTarget(target)) {
      const opened = ports ?? target._defaultPorts();
      if (opened.length === 0) {
        this.check.fail(
          'connectTo target',
          (target as unknown as Construct).node.path,
          'a workload that exposes ports',
        );
      }
      this.policy.allowTo('connectTo', target, opened);
      target._admit(this, opened);
      return;
    }
    this.policy.allowTo('connectTo', target, ports);
    if (isKplusPeer(target)) {
      try {
        admitAtForeignPods(this, this, target, this.namespace, ports);
      } catch (error) {
        this.check.fail('connectTo ports', ports, (error as Error).message);
      }
    }
  }

  /** @internal */
  public _peersFrom(namespace: string | undefined): k8s.NetworkPolicyPeer[] {
    const own = namespace === this.namespace ? undefined : this.namespace;
    return NetworkPeer.pods(this.selector, own)._toKube();
  }

  /** @internal */
  public _defaultPorts(): readonly NetworkPort[] {
    return this.portList();
  }

  /** @internal */
  public _admit(client: OwnPods, ports: readonly NetworkPort[]): void {
    this.policy.allowFrom('allowFrom', client, ports);
  }

  /** As a cdk8s-plus network policy peer: this workload's pods. */
  public toNetworkPolicyPeerConfig(): kplus.NetworkPolicyPeerConfig {
    return { podSelector: this.toPodSelectorConfig() };
  }

  /** As a cdk8s-plus network policy peer: the selector of this workload's pods. */
  public toPodSelector(): kplus.IPodSelector {
    return this;
  }

  /** As a cdk8s-plus pod selector: this workload's pods, in its chart's namespace. */
  public toPodSelectorConfig(): kplus.PodSelectorConfig {
    return podSelectorConfig(this.selector, this.namespace);
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
        initContainers: Lazy.any({ produce: () => this.pod.initContainers() }),
        containers: Lazy.any({ produce: () => this.pod.containers() }),
        volumes: Lazy.any({ produce: () => this.pod.renderVolumes() }),
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

  /**
   * Orders the workload after the ConfigMaps and Secrets its volumes and environment take from
   * objects the user gave (rather than names), as cdk8s orders dependent constructs.
   */
  private dependOn(volumes: readonly Volume[], container: ContainerProps): void {
    const values = [...volumes, ...Object.values(container.env ?? {})];
    for (const { _object: object } of values)
      if (object !== undefined) this.node.addDependency(object);
  }

  private portList(): NetworkPort[] {
    return this.ports.map((p) => ({ port: p.containerPort }));
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
}
