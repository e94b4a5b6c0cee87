import { Chart, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import {
  INIT_CONTAINER,
  NamedContainerProps,
  SIDECAR,
  SidecarProps,
  sidecarServing,
} from './container';
import { versionLabelOf } from './image';
import { recommendedLabels, selectorLabels } from './labels';
import { claimName } from './name-registry';
import { NetworkPeer, NetworkPort } from './network-peer';
import { PolicyRules } from './network-policy';
import { PodContainers } from './pod-containers';
import { ContainerPort } from './ports';
import { PropCheck } from './validation/prop-check';
import { PodSecurityProps, WorkloadKind, WorkloadProps } from './workload-props';

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
    const prop = `sidecars[${this.pod.sidecarCount}]`;
    this.check.shape(prop, sidecar, SIDECAR);
    this.pod.addSidecar(prop, sidecar.name, sidecar, sidecarServing(sidecar));
  }

  /** Adds a container that runs to completion before the others start. */
  public addInitContainer(init: NamedContainerProps): void {
    const prop = `initContainers[${this.pod.initCount}]`;
    this.check.shape(prop, init, INIT_CONTAINER);
    this.pod.addInit(prop, init.name, init);
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

  private portList(): NetworkPort[] {
    return this.ports.map((p) => ({ port: p.containerPort }));
  }

  /** The namespace to name in a peer of `other` when the two live in different namespaces. */
  private peerNamespace(other: Workload): string | undefined {
    return this.namespace === other.namespace ? undefined : this.namespace;
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
