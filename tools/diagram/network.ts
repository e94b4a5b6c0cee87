import { CLUSTER_DNS, ExternalPeer, INTERNET, ingressController } from './externals';
import { portNumber } from './pods';
import {
  KubeObject,
  PodTemplate,
  isRecord,
  labelSelectorSelects,
  records,
  stringMap,
} from '../../model';

/** A workload whose pods NetworkPolicies may select, under its diagram node id. */
export interface PodGroup {
  /** The diagram node id of the workload. */
  readonly id: string;
  /** Its namespace. */
  readonly namespace: string;
  /** Its pod template. */
  readonly template: PodTemplate;
}

/** A connection the policies allow (on both ends), or allow on one end only. */
export interface Allowance {
  /** The id of the client's node. */
  readonly from: string;
  /** The id of the server's node. */
  readonly to: string;
  /** The ports, as `5432/TCP`; `['any port']` when the rules name none. */
  readonly ports: readonly string[];
  /** Set when one end allows the connection and the other end's policy does not. */
  readonly blockedBy?: string;
}

/** Which policies isolate a workload's pods, and in which direction. */
export interface Isolation {
  /** The names of the NetworkPolicies that select the pods. */
  readonly policies: string[];
  /** True when an `Ingress` policy selects them: only what a rule allows may connect. */
  ingress: boolean;
  /** True when an `Egress` policy selects them: they may connect only where a rule allows. */
  egress: boolean;
}

/** The result of reading the NetworkPolicies of a set of manifests. */
export interface NetworkPicture {
  /** Who may talk to whom, on which ports. */
  readonly allowances: readonly Allowance[];
  /** The peers outside the manifests, by id. */
  readonly externals: ReadonlyMap<string, ExternalPeer>;
  /** The isolation of each workload, by node id (absent: not selected by any policy). */
  readonly isolation: ReadonlyMap<string, Isolation>;
}

const ANY = 'any port';

/**
 * Reads the NetworkPolicies: matches their pod and namespace selectors against the workloads'
 * pod templates and the Namespaces' labels, and returns who may connect to whom. A connection
 * between two workloads is allowed when the client's egress rules (if its pods are
 * egress-isolated) and the server's ingress rules (if ingress-isolated) both allow it; when only
 * one does, it is returned with `blockedBy`. Peers outside the manifests (the ingress
 * controller, cluster DNS, IP blocks) become external nodes.
 *
 * @param namespaceLabels the labels of every known Namespace, `kubernetes.io/metadata.name` included
 */
export function readNetworkPolicies(
  objects: readonly KubeObject[],
  groups: readonly PodGroup[],
  namespaceLabels: ReadonlyMap<string, Readonly<Record<string, string>>>,
): NetworkPicture {
  const externals = new Map<string, ExternalPeer>();
  const isolation = new Map<string, Isolation>();
  const ingressAllows = new Map<string, Set<string>>();
  const egressAllows = new Map<string, Set<string>>();
  const allow = (
    map: Map<string, Set<string>>,
    from: string,
    to: string,
    ports: string[],
  ): void => {
    const key = `${from}\u0000${to}`;
    const set = map.get(key) ?? new Set<string>();
    ports.forEach((p) => set.add(p));
    map.set(key, set);
  };
  const peersOf = (peer: unknown, namespace: string): string[] => {
    const found = resolvePeer(peer, namespace, groups, namespaceLabels);
    if (found.external) externals.set(found.external.id, found.external);
    return found.ids;
  };

  for (const policy of objects.filter((o) => o.kind === 'NetworkPolicy')) {
    const spec = policy.spec;
    const types = Array.isArray(spec.policyTypes)
      ? spec.policyTypes
      : ['Ingress', ...(Array.isArray(spec.egress) ? ['Egress'] : [])];
    const selected = groups.filter(
      (g) =>
        g.namespace === policy.namespace &&
        labelSelectorSelects(spec.podSelector, g.template.labels),
    );
    isolate(isolation, policy.name, types, selected);
    if (types.includes('Ingress')) {
      for (const rule of records(spec.ingress)) {
        const peers = Array.isArray(rule.from) && rule.from.length > 0 ? rule.from : [undefined];
        for (const group of selected) {
          const ports = portsOf(rule.ports, group.template);
          for (const peer of peers)
            for (const from of peersOf(peer, policy.namespace))
              allow(ingressAllows, from, group.id, ports);
        }
      }
    }
    if (types.includes('Egress')) {
      for (const rule of records(spec.egress)) {
        const peers = Array.isArray(rule.to) && rule.to.length > 0 ? rule.to : [undefined];
        for (const peer of peers) {
          for (const to of peersOf(peer, policy.namespace)) {
            const server = groups.find((g) => g.id === to);
            const ports = portsOf(rule.ports, server?.template);
            for (const group of selected) allow(egressAllows, group.id, to, ports);
          }
        }
      }
    }
  }

  return { allowances: decide(ingressAllows, egressAllows, isolation), externals, isolation };
}

/** Records that a policy of some types (`Ingress`, `Egress`) selects the pods of workloads. */
function isolate(
  isolation: Map<string, Isolation>,
  policy: string,
  types: readonly unknown[],
  selected: readonly PodGroup[],
): void {
  for (const group of selected) {
    const entry = isolation.get(group.id) ?? { policies: [], ingress: false, egress: false };
    entry.policies.push(policy);
    entry.ingress ||= types.includes('Ingress');
    entry.egress ||= types.includes('Egress');
    isolation.set(group.id, entry);
  }
}

/**
 * Decides each connection a rule names, sorted by client and server: allowed on the ports both
 * ends allow (an end that is not isolated allows every port), or blocked by the policies of the
 * end that leaves it out.
 *
 * @param ingressAllows the ports the servers' ingress rules allow, by `client\0server`
 * @param egressAllows the ports the clients' egress rules allow, by `client\0server`
 */
function decide(
  ingressAllows: ReadonlyMap<string, Set<string>>,
  egressAllows: ReadonlyMap<string, Set<string>>,
  isolation: ReadonlyMap<string, Isolation>,
): Allowance[] {
  const allowances: Allowance[] = [];
  const pairs = [...new Set([...ingressAllows.keys(), ...egressAllows.keys()])].sort();
  for (const pair of pairs) {
    const [from, to] = pair.split('\u0000');
    const clientIsolated = isolation.get(from)?.egress ?? false;
    const serverIsolated = isolation.get(to)?.ingress ?? false;
    const egress = clientIsolated ? (egressAllows.get(pair) ?? new Set<string>()) : undefined;
    const ingress = serverIsolated ? (ingressAllows.get(pair) ?? new Set<string>()) : undefined;
    const allowed = intersect(egress, ingress);
    if (allowed.length > 0) {
      allowances.push({ from, to, ports: allowed });
    } else {
      const wanted = [...new Set([...(egress ?? []), ...(ingress ?? [])])].sort();
      const blockedBy =
        egress !== undefined && egress.size > 0
          ? `${policiesOf(isolation, to)} (ingress)`
          : `${policiesOf(isolation, from)} (egress)`;
      allowances.push({ from, to, ports: wanted.length > 0 ? wanted : [ANY], blockedBy });
    }
  }
  return allowances;
}

function policiesOf(isolation: ReadonlyMap<string, Isolation>, id: string): string {
  return `NetworkPolicy ${isolation.get(id)?.policies.join(', ') ?? '?'}`;
}

/** The ports both sets allow; `undefined` stands for "not isolated": every port. */
function intersect(a: Set<string> | undefined, b: Set<string> | undefined): string[] {
  if (a === undefined && b === undefined) return [ANY];
  if (a === undefined || b === undefined) return [...(a ?? b ?? [])].sort();
  if (a.has(ANY)) return [...b].sort();
  if (b.has(ANY)) return [...a].sort();
  return [...a].filter((p) => b.has(p)).sort();
}

/** A rule's ports as `5432/TCP` (named ports resolved on the server's pods); `any port` if none. */
function portsOf(ports: unknown, server: PodTemplate | undefined): string[] {
  const list = Array.isArray(ports) ? ports.filter(isRecord) : [];
  if (list.length === 0) return [ANY];
  return list.map((p) => {
    const protocol = typeof p.protocol === 'string' ? p.protocol : 'TCP';
    if (p.port === undefined) return `any/${protocol}`;
    const end = typeof p.endPort === 'number' ? `-${p.endPort}` : '';
    return `${portNumber(server, p.port)}${end}/${protocol}`;
  });
}

/** The node ids a policy peer stands for, and the external node it needs, if any. */
function resolvePeer(
  peer: unknown,
  namespace: string,
  groups: readonly PodGroup[],
  namespaceLabels: ReadonlyMap<string, Readonly<Record<string, string>>>,
): { ids: string[]; external?: ExternalPeer } {
  if (!isRecord(peer)) {
    const external = { id: 'external/anyone', heading: 'anyone', name: 'any pod, any address' };
    return { ids: [external.id], external };
  }
  if (isRecord(peer.ipBlock)) {
    const cidr = typeof peer.ipBlock.cidr === 'string' ? peer.ipBlock.cidr : '?';
    const external =
      cidr === '0.0.0.0/0' || cidr === '::/0'
        ? INTERNET
        : { id: `external/cidr/${cidr}`, heading: 'addresses', name: cidr };
    return { ids: [external.id], external };
  }
  let namespaces = [namespace];
  if (peer.namespaceSelector !== undefined) {
    namespaces = [...namespaceLabels]
      .filter(([, labels]) => labelSelectorSelects(peer.namespaceSelector, labels))
      .map(([n]) => n);
  }
  const podSelector = peer.podSelector ?? {};
  const ids = groups
    .filter(
      (g) =>
        namespaces.includes(g.namespace) && labelSelectorSelects(podSelector, g.template.labels),
    )
    .map((g) => g.id);
  if (ids.length > 0) return { ids };
  const external = classify(peer, namespace);
  return { ids: [external.id], external };
}

/** Names a peer outside the manifests: cluster DNS, the ingress controller, or its selectors. */
function classify(peer: Record<string, unknown>, namespace: string): ExternalPeer {
  const pods = selectorText(peer.podSelector);
  const namespaces =
    peer.namespaceSelector === undefined ? namespace : selectorText(peer.namespaceSelector);
  const all = `${pods} ${namespaces}`;
  if (/kube-dns|coredns/.test(all)) return CLUSTER_DNS;
  if (/ingress/.test(all)) return ingressController(namespaces);
  return {
    id: `external/pods/${namespaces}/${pods}`,
    heading: 'pods',
    name: `${pods || 'all'} in ${namespaces}`,
  };
}

/** A selector as `key=value,...`; the namespace name alone for `kubernetes.io/metadata.name`. */
function selectorText(selector: unknown): string {
  if (!isRecord(selector)) return '';
  const labels = stringMap(selector.matchLabels);
  const name = labels['kubernetes.io/metadata.name'];
  if (name !== undefined && Object.keys(labels).length === 1) return name;
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
