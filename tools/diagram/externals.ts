import { DiagramNode } from './graph';

/** A peer outside the manifests: the internet, the ingress controller, cluster DNS, an address. */
export interface ExternalPeer {
  /** The diagram node id: `external/dns`, `external/ingress-controller`, `external/internet`. */
  readonly id: string;
  /** What it is, as a heading. */
  readonly heading: string;
  /** Its name or selector. */
  readonly name: string;
}

/** The internet, where NodePort, LoadBalancer and Ingress traffic comes from. */
export const INTERNET: ExternalPeer = {
  id: 'external/internet',
  heading: 'internet',
  name: 'any address',
};

/** The cluster's DNS server, which most pods need to reach. */
export const CLUSTER_DNS: ExternalPeer = {
  id: 'external/dns',
  heading: 'cluster DNS',
  name: 'kube-system/kube-dns',
};

/** The ingress controller, which routes to the Ingresses. */
export function ingressController(name: string): ExternalPeer {
  return { id: 'external/ingress-controller', heading: 'ingress controller', name };
}

/** The node of an external peer, drawn outside every Namespace. */
export function externalNode(peer: ExternalPeer): DiagramNode {
  return {
    id: peer.id,
    kind: 'External',
    namespace: '',
    heading: peer.heading,
    name: peer.name,
    details: [],
  };
}
