import * as k8s from '../imports/k8s';

/** The label every namespace carries with its own name (Kubernetes 1.21+). */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** A port a NetworkPolicy rule opens. */
export interface NetworkPort {
  /** The port number (or a named port of the destination pods). */
  readonly port: number | string;
  /**
   * The protocol.
   *
   * @default 'TCP'
   */
  readonly protocol?: 'TCP' | 'UDP';
}

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

/** The other side of a NetworkPolicy rule: pods, namespaces or IP ranges. */
export class NetworkPeer {
  /** Pods with these labels, in the policy's own namespace or in the one given. */
  public static pods(labels: Record<string, string>, namespace?: string): NetworkPeer {
    return new NetworkPeer([
      {
        podSelector: { matchLabels: labels },
        namespaceSelector: namespace === undefined ? undefined : namespaceSelector(namespace),
      },
    ]);
  }

  /** Every pod of a namespace. */
  public static namespace(name: string): NetworkPeer {
    return new NetworkPeer([{ namespaceSelector: namespaceSelector(name) }]);
  }

  /** The ingress controller's pods, which forward the Ingress's traffic. */
  public static ingressController(options: IngressControllerOptions = {}): NetworkPeer {
    return NetworkPeer.pods(
      options.podLabels ?? { 'app.kubernetes.io/name': 'ingress-nginx' },
      options.namespace ?? 'ingress-nginx',
    );
  }

  /** An IP range in CIDR notation, less the ranges in `except`. */
  public static ipBlock(cidr: string, except?: string[]): NetworkPeer {
    return new NetworkPeer([{ ipBlock: { cidr, except } }]);
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
