import type * as kplus from 'cdk8s-plus-27';
import * as k8s from '../imports/k8s';
import { NAMESPACE_NAME_LABEL, isKplusPeer, kubePeersOf } from './kplus-interop';
import { isStrictSubset, parseCidr } from './validation/cidr';
import { LABEL_VALUE_TEXT, QUALIFIED_NAME, dnsLabel } from '../model/names';
import { PropCheck } from './validation/prop-check';
import {
  NUMBER,
  STRING,
  anyOf,
  listOf,
  mapOf,
  objectOf,
  oneOf,
  optional,
  required,
} from './validation/shapes';

/** A port a NetworkPolicy rule opens. */
export interface NetworkPort {
  /** The port number (or a named port of the destination pods). */
  readonly port: number | string;
  /**
   * The protocol.
   *
   * @default 'TCP'
   */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
}

/** The runtime type of a list of {@link NetworkPort}s. */
export const NETWORK_PORTS = listOf(
  objectOf<NetworkPort>('network port settings', {
    port: required(anyOf('a port number or name', NUMBER, STRING)),
    protocol: optional(oneOf(['TCP', 'UDP', 'SCTP'])),
  }),
  "a list of ports such as [{ port: 5432 }] or [{ port: 'http' }]",
);

/** Where the ingress-nginx controller runs, for {@link NetworkPeer.ingressController}. */
export interface IngressControllerOptions {
  /**
   * The controller's namespace.
   *
   * @default 'ingress-nginx' (as `minikube addons enable ingress` and the upstream chart install it)
   */
  readonly namespace?: string;
  /**
   * Labels of the controller's pods.
   *
   * @default { 'app.kubernetes.io/name': 'ingress-nginx' }
   */
  readonly podLabels?: Record<string, string>;
}

const LABELS = mapOf(STRING, "labels such as { 'app.kubernetes.io/name': 'web' }");
const CONTROLLER_OPTIONS = objectOf<IngressControllerOptions>('ingress controller options', {
  namespace: optional(STRING),
  podLabels: optional(LABELS),
});

/** The other side of a NetworkPolicy rule: pods, namespaces or IP ranges. */
export class NetworkPeer {
  /** Pods with these labels, in the policy's own namespace or in the one given. */
  public static pods(labels: Record<string, string>, namespace?: string): NetworkPeer {
    const check = new PropCheck('NetworkPeer.pods');
    checkLabels(check, 'labels', labels);
    checkNamespace(check, 'namespace', namespace);
    return new NetworkPeer([
      {
        podSelector: { matchLabels: { ...labels } },
        namespaceSelector: namespace === undefined ? undefined : namespaceSelector(namespace),
      },
    ]);
  }

  /** Every pod of a namespace. */
  public static namespace(name: string): NetworkPeer {
    const check = new PropCheck('NetworkPeer.namespace');
    check.shape('name', name, STRING);
    checkNamespace(check, 'name', name);
    return new NetworkPeer([{ namespaceSelector: namespaceSelector(name) }]);
  }

  /** The ingress controller's pods, which forward the Ingress's traffic. */
  public static ingressController(options: IngressControllerOptions = {}): NetworkPeer {
    const check = new PropCheck('NetworkPeer.ingressController');
    check.shape('options', options, CONTROLLER_OPTIONS);
    const labels = options.podLabels ?? { 'app.kubernetes.io/name': 'ingress-nginx' };
    checkLabels(check, 'options.podLabels', labels);
    const namespace = options.namespace ?? 'ingress-nginx';
    checkNamespace(check, 'options.namespace', namespace);
    return new NetworkPeer([
      {
        podSelector: { matchLabels: { ...labels } },
        namespaceSelector: namespaceSelector(namespace),
      },
    ]);
  }

  /** An IP range in CIDR notation, less the ranges in `except`, each strictly inside it. */
  public static ipBlock(cidr: string, except?: string[]): NetworkPeer {
    const check: PropCheck = new PropCheck('NetworkPeer.ipBlock');
    check.shape('cidr', cidr, STRING);
    const range = parseCidr(cidr);
    if (range === undefined)
      check.fail('cidr', cidr, "a range in CIDR notation such as '10.0.0.0/8'");
    if (except !== undefined) check.shape('except', except, listOf(STRING));
    except?.forEach((text, i) => {
      const inner = parseCidr(text);
      if (inner === undefined || !isStrictSubset(inner, range)) {
        check.fail(`except[${i}]`, text, `a CIDR range strictly inside '${cidr}'`);
      }
    });
    return new NetworkPeer([{ ipBlock: { cidr, except: except && [...except] } }]);
  }

  /** Every address, IPv4 and IPv6: for NodePort and LoadBalancer traffic from outside the cluster. */
  public static anywhere(): NetworkPeer {
    return new NetworkPeer([{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }]);
  }

  private constructor(private readonly peers: k8s.NetworkPolicyPeer[]) {}

  /** @internal */
  public _toKube(): k8s.NetworkPolicyPeer[] {
    return this.peers;
  }
}

/**
 * What `allowFrom`, `allowTo` and `connectTo` take: a peer of this library, a workload of this
 * library, or any cdk8s-plus peer (a `Deployment`, `Pods.select(...)`, `Namespaces.select(...)`,
 * an IP block).
 */
export type Peer = NetworkPeer | kplus.INetworkPolicyPeer;

/**
 * Pods of this library (a workload, a blue/green pair), which describe themselves as peers as seen
 * from a namespace: with a namespace selector when they live in another.
 *
 * @internal
 */
export interface OwnPods {
  /** The peers that select the pods, as a policy in `namespace` names them. */
  _peersFrom(namespace: string | undefined): k8s.NetworkPolicyPeer[];
}

/** Whether a value is pods of this library. */
export function isOwnPods(value: unknown): value is OwnPods {
  return typeof (value as Partial<OwnPods> | undefined)?._peersFrom === 'function';
}

/**
 * The NetworkPolicy peers of any {@link Peer}, as a policy in `namespace` names them.
 *
 * @throws the standard message when the value is none of them
 */
export function kubePeers(
  check: PropCheck,
  prop: string,
  peer: unknown,
  namespace: string | undefined,
): k8s.NetworkPolicyPeer[] {
  if (peer instanceof NetworkPeer) return peer._toKube();
  if (isOwnPods(peer)) return peer._peersFrom(namespace);
  if (isKplusPeer(peer)) {
    try {
      return kubePeersOf(peer);
    } catch (error) {
      check.fail(
        prop,
        peer.node.path,
        `a peer that selects pods or an IP block (${(error as Error).message})`,
      );
    }
  }
  return check.fail(
    prop,
    peer,
    'a NetworkPeer (NetworkPeer.pods(...), NetworkPeer.ipBlock(...)), a workload, or a cdk8s-plus peer such as a Deployment or Pods.select(...)',
  );
}

function checkLabels(check: PropCheck, prop: string, labels: unknown): void {
  check.shape(prop, labels, LABELS);
  for (const [key, value] of Object.entries(labels as Record<string, string>)) {
    check.grammar(`${prop} key`, key, QUALIFIED_NAME);
    check.grammar(`${prop}.${key}`, value, LABEL_VALUE_TEXT);
  }
}

function checkNamespace(check: PropCheck, prop: string, namespace: unknown): void {
  check.grammar(prop, namespace, dnsLabel(63));
}

function namespaceSelector(name: string): k8s.LabelSelector {
  return { matchLabels: { [NAMESPACE_NAME_LABEL]: name } };
}

/** Renders NetworkPolicy ports; `undefined` stays `undefined` (all ports). */
export function renderPorts(ports?: readonly NetworkPort[]): k8s.NetworkPolicyPort[] | undefined {
  return ports?.map((p) => ({
    port:
      typeof p.port === 'number'
        ? k8s.IntOrString.fromNumber(p.port)
        : k8s.IntOrString.fromString(p.port),
    protocol: p.protocol ?? 'TCP',
  }));
}

/** Egress to the cluster DNS (kube-dns / CoreDNS in kube-system), which every pod needs. */
export const DNS_EGRESS: k8s.NetworkPolicyEgressRule = {
  to: NetworkPeer.pods({ 'k8s-app': 'kube-dns' }, 'kube-system')._toKube(),
  ports: renderPorts([
    { port: 53, protocol: 'UDP' },
    { port: 53, protocol: 'TCP' },
  ]),
};
