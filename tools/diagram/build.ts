import { Diagram, DiagramEdge, DiagramNode, NodeKind } from './graph';
import { PodGroup, readNetworkPolicies } from './network';
import { containerBoxes, containerWithPort, podReferences, portNumber, volumeLabels } from './pods';
import {
  KubeObject,
  isRecord,
  labelSelectorSelects,
  list,
  mapSelects,
  podTemplateOf,
  record,
  records,
  stringMap,
  text,
} from '../../model';

/** The ids of the external nodes every picture may have. */
export const INTERNET = 'external/internet';
/** The ingress controller, outside the manifests. */
export const INGRESS_CONTROLLER = 'external/ingress-controller';

/**
 * Builds the picture of a set of manifests: Ingresses route to Services, Services to the
 * workloads whose pod templates they select (down to the container that owns the port),
 * workloads use ConfigMaps, Secrets and volume claims, autoscalers and disruption budgets act on
 * workloads, and the NetworkPolicies' allowances connect workloads and the peers outside the
 * manifests (internet, ingress controller, cluster DNS). ServiceAccounts, NetworkPolicies
 * (drawn as their allowances) and other kinds are left out.
 *
 * @param title the caption, such as the folder or environment drawn
 */
export function buildDiagram(objects: readonly KubeObject[], title: string): Diagram {
  const nodes = new Map<string, DiagramNode>();
  const edges: DiagramEdge[] = [];
  const add = (node: DiagramNode): void => {
    if (!nodes.has(node.id)) nodes.set(node.id, node);
  };
  const edge = (e: DiagramEdge): void => {
    const same = edges.find((x) => x.from === e.from && x.to === e.to && x.kind === e.kind);
    if (same === undefined) edges.push(e);
    else if (!same.label.split(', ').includes(e.label)) {
      edges[edges.indexOf(same)] = { ...same, label: `${same.label}, ${e.label}` };
    }
  };

  const namespaces = namespacesOf(objects);
  const groups: PodGroup[] = objects.flatMap((o) => {
    const template = podTemplateOf(o);
    return template === undefined ? [] : [{ id: idOf(o), namespace: o.namespace, template }];
  });
  const network = readNetworkPolicies(
    objects,
    groups,
    new Map(namespaces.map((n) => [n.name, n.labels])),
  );

  // Workloads and what their pods use.
  const replicasSetBy = new Map<string, string>();
  for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
    const ref = record(hpa.spec.scaleTargetRef);
    replicasSetBy.set(`${text(ref.kind)}/${hpa.namespace}/${text(ref.name)}`, hpa.name);
  }
  for (const { id, template } of groups) {
    const object = template.object;
    const isolation = network.isolation.get(id);
    const details = [
      ...workloadFacts(object, replicasSetBy.has(id)),
      ...(isolation
        ? [
            `NetworkPolicy ${isolation.policies.join(', ')}: ${isolatedText(isolation.ingress, isolation.egress)}`,
          ]
        : ['no NetworkPolicy: open to all traffic']),
    ];
    add({
      id,
      kind: 'Workload',
      namespace: object.namespace,
      heading: object.kind,
      name: object.name,
      details,
      containers: containerBoxes(template),
      volumes: [...volumeLabels(template), ...claimTemplateVolumes(object)],
    });
    for (const ref of podReferences(template)) {
      const target = `${ref.kind}/${object.namespace}/${ref.name}`;
      add(missingNode(ref.kind, object.namespace, ref.name, target));
      edge({ from: id, to: target, kind: 'uses', label: ref.how });
    }
    for (const claim of claimTemplates(object)) {
      const target = `PersistentVolumeClaim/${object.namespace}/${claim.name}-${object.name}`;
      add({
        id: target,
        kind: 'PersistentVolumeClaim',
        namespace: object.namespace,
        heading: 'PersistentVolumeClaim',
        name: `${claim.name}-${object.name}-0, -1, … (one per pod)`,
        details: [claim.size, claim.modes].filter((s) => s !== ''),
      });
      edge({ from: id, to: target, kind: 'uses', label: `volume ${claim.name}` });
    }
  }

  // Objects drawn for themselves.
  for (const object of objects) {
    const spec = object.spec;
    const id = idOf(object);
    switch (object.kind) {
      case 'ConfigMap':
      case 'Secret': {
        const keys = [
          ...Object.keys(record(object.raw.data)),
          ...Object.keys(record(object.raw.stringData)),
        ];
        replaceNode(nodes, {
          id,
          kind: object.kind,
          namespace: object.namespace,
          heading: object.kind,
          name: object.name,
          details: keys.length > 0 ? [keys.sort().join(', ')] : [],
        });
        break;
      }
      case 'PersistentVolumeClaim':
        replaceNode(nodes, {
          id,
          kind: 'PersistentVolumeClaim',
          namespace: object.namespace,
          heading: 'PersistentVolumeClaim',
          name: object.name,
          details: [text(record(record(spec.resources).requests).storage)].filter((s) => s !== ''),
        });
        break;
      case 'Service':
        serviceNode(object, groups, add, edge);
        break;
      case 'Ingress':
        ingressNode(object, add, edge);
        break;
      case 'HorizontalPodAutoscaler': {
        const ref = record(spec.scaleTargetRef);
        const cpu = list(spec.metrics)
          .map((m) => record(record(m).resource))
          .filter((r) => r.name !== undefined)
          .map((r) => `${text(r.name)} ${String(record(r.target).averageUtilization ?? '?')} %`);
        add({
          id,
          kind: 'HorizontalPodAutoscaler',
          namespace: object.namespace,
          heading: 'HorizontalPodAutoscaler',
          name: object.name,
          details: [
            `${String(spec.minReplicas ?? 1)}–${String(spec.maxReplicas ?? '?')} replicas`,
            ...cpu.map((c) => `at ${c}`),
          ],
        });
        edge({
          from: id,
          to: `${text(ref.kind)}/${object.namespace}/${text(ref.name)}`,
          kind: 'controls',
          label: 'scales',
        });
        break;
      }
      case 'PodDisruptionBudget': {
        const limit =
          spec.maxUnavailable !== undefined
            ? `maxUnavailable ${String(spec.maxUnavailable)}`
            : `minAvailable ${String(spec.minAvailable ?? '?')}`;
        add({
          id,
          kind: 'PodDisruptionBudget',
          namespace: object.namespace,
          heading: 'PodDisruptionBudget',
          name: object.name,
          details: [limit],
        });
        for (const group of groups) {
          if (
            group.namespace === object.namespace &&
            labelSelectorSelects(spec.selector, group.template.labels)
          ) {
            edge({ from: id, to: group.id, kind: 'controls', label: 'limits evictions' });
          }
        }
        break;
      }
      default:
        break;
    }
  }

  // The network: who may talk to whom.
  for (const external of network.externals.values()) {
    add({
      id: external.id,
      kind: 'External',
      namespace: '',
      heading: external.heading,
      name: external.name,
      details: [],
    });
  }
  for (const a of network.allowances) {
    edge({
      from: a.from,
      to: a.to,
      kind: a.blockedBy ? 'blocked' : 'network',
      label: a.blockedBy ? `${portsLabel(a.ports)} blocked by ${a.blockedBy}` : portsLabel(a.ports),
    });
  }

  const known = new Set(nodes.keys());
  return {
    title,
    namespaces: namespaces.map(({ name, details }) => ({ name, details })),
    nodes: [...nodes.values()],
    edges: edges.filter((e) => known.has(e.from) && known.has(e.to)),
  };
}

/** The diagram node id of an object: `Kind/namespace/name`. */
export function idOf(object: KubeObject): string {
  return `${object.kind}/${object.namespace}/${object.name}`;
}

type Add = (node: DiagramNode) => void;
type Edge = (edge: DiagramEdge) => void;

function serviceNode(object: KubeObject, groups: readonly PodGroup[], add: Add, edge: Edge): void {
  const spec = object.spec;
  const type = text(spec.type) || 'ClusterIP';
  const ports = records(spec.ports);
  const selector = stringMap(spec.selector);
  const selected = groups.filter(
    (g) =>
      g.namespace === object.namespace &&
      Object.keys(selector).length > 0 &&
      mapSelects(selector, g.template.labels),
  );
  const headless = spec.clusterIP === 'None';
  const nodePorts = ports.filter((p) => p.nodePort !== undefined).map((p) => String(p.nodePort));
  const details = [
    headless
      ? 'headless (no cluster IP)'
      : type === 'NodePort'
        ? `NodePort ${nodePorts.join(', ')}`
        : type,
    ...(selected.length === 0 ? ['selects no pods in the manifests'] : []),
  ];
  add({
    id: idOf(object),
    kind: 'Service',
    namespace: object.namespace,
    heading: 'Service',
    name: object.name,
    details,
  });
  for (const group of selected) {
    for (const port of ports) {
      const target = port.targetPort ?? port.port;
      edge({
        from: idOf(object),
        to: group.id,
        kind: 'route',
        label: `${String(port.port)} → ${portNumber(group.template, target)}`,
        toContainer: containerWithPort(group.template, target),
      });
    }
  }
  if (type === 'NodePort' || type === 'LoadBalancer') {
    const exposed =
      type === 'NodePort'
        ? nodePorts.map((p) => `node port ${p}`)
        : ports.map((p) => `:${String(p.port)}`);
    addInternet(add);
    edge({ from: INTERNET, to: idOf(object), kind: 'route', label: exposed.join(', ') });
  }
}

/** The internet, where NodePort, LoadBalancer and Ingress traffic comes from. */
function addInternet(add: Add): void {
  add({
    id: INTERNET,
    kind: 'External',
    namespace: '',
    heading: 'internet',
    name: 'any address',
    details: [],
  });
}

function ingressNode(object: KubeObject, add: Add, edge: Edge): void {
  const spec = object.spec;
  const tls = records(spec.tls);
  const tlsHosts = new Set(tls.flatMap((t) => list(t.hosts)));
  const rules = records(spec.rules);
  const urls = rules.map(
    (r) => `${tlsHosts.has(r.host) ? 'https' : 'http'}://${text(r.host) || '*'}`,
  );
  add({
    id: idOf(object),
    kind: 'Ingress',
    namespace: object.namespace,
    heading: 'Ingress',
    name: object.name,
    details: [...new Set(urls)],
  });
  const className = text(spec.ingressClassName);
  add({
    id: INGRESS_CONTROLLER,
    kind: 'External',
    namespace: '',
    heading: 'ingress controller',
    name: className === '' ? 'default class' : `class ${className}`,
    details: [],
  });
  addInternet(add);
  edge({
    from: INTERNET,
    to: INGRESS_CONTROLLER,
    kind: 'route',
    label: tls.length > 0 ? 'https' : 'http',
  });
  edge({
    from: INGRESS_CONTROLLER,
    to: idOf(object),
    kind: 'route',
    label: className === '' ? 'default class' : `class ${className}`,
  });
  for (const rule of rules) {
    const paths = (
      Array.isArray(record(rule.http).paths) ? (record(rule.http).paths as unknown[]) : []
    ).filter(isRecord);
    for (const p of paths) {
      const service = record(record(p.backend).service);
      const port = record(service.port);
      edge({
        from: idOf(object),
        to: `Service/${object.namespace}/${text(service.name)}`,
        kind: 'route',
        label: `${text(p.path) || '/'} → ${String(port.name ?? port.number ?? '?')}`,
      });
    }
  }
  for (const t of tls) {
    const secret = text(t.secretName);
    if (secret === '') continue;
    const target = `Secret/${object.namespace}/${secret}`;
    add(missingNode('Secret', object.namespace, secret, target));
    edge({ from: idOf(object), to: target, kind: 'uses', label: 'TLS certificate' });
  }
}

/** A placeholder for an object referenced but not (yet) read; replaced when it is found. */
function missingNode(kind: NodeKind, namespace: string, name: string, id: string): DiagramNode {
  return {
    id,
    kind,
    namespace,
    heading: kind,
    name,
    details: ['not in the manifests'],
    missing: true,
  };
}

function replaceNode(nodes: Map<string, DiagramNode>, node: DiagramNode): void {
  nodes.set(node.id, node);
}

function workloadFacts(object: KubeObject, autoscaled: boolean): string[] {
  const spec = object.spec;
  const replicas = (n: unknown): string =>
    `${String(n ?? 1)} replica${n === 1 || n === undefined ? '' : 's'}`;
  switch (object.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet': {
      const count =
        autoscaled && spec.replicas === undefined
          ? 'replicas set by the autoscaler'
          : replicas(spec.replicas);
      const strategy = record(object.kind === 'Deployment' ? spec.strategy : spec.updateStrategy);
      return [
        `${count} · ${(text(strategy.type) || 'RollingUpdate').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`,
      ];
    }
    case 'Job':
      return [jobFacts(spec)];
    case 'CronJob': {
      const zone = text(spec.timeZone);
      return [
        `schedule ${text(spec.schedule)}${zone === '' ? '' : ` (${zone})`}`,
        `${text(spec.concurrencyPolicy) || 'Allow'} concurrent runs${spec.suspend === true ? ' · suspended' : ''}`,
        jobFacts(record(record(spec.jobTemplate).spec)),
      ];
    }
    default:
      return [];
  }
}

function jobFacts(spec: Record<string, unknown>): string {
  const parts = [
    `${String(spec.completions ?? 1)} completion${spec.completions === 1 || spec.completions === undefined ? '' : 's'}`,
  ];
  if (typeof spec.activeDeadlineSeconds === 'number')
    parts.push(`deadline ${duration(spec.activeDeadlineSeconds)}`);
  if (typeof spec.backoffLimit === 'number') parts.push(`${spec.backoffLimit} retries`);
  return parts.join(' · ');
}

function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

function isolatedText(ingress: boolean, egress: boolean): string {
  if (ingress && egress) return 'deny by default, in and out';
  return ingress ? 'incoming denied by default' : 'outgoing denied by default';
}

function claimTemplates(object: KubeObject): { name: string; size: string; modes: string }[] {
  if (object.kind !== 'StatefulSet') return [];
  return records(object.spec.volumeClaimTemplates).map((t) => {
    const spec = record(t.spec);
    return {
      name: text(record(t.metadata).name),
      size: text(record(record(spec.resources).requests).storage),
      modes: list(spec.accessModes).join(', '),
    };
  });
}

function claimTemplateVolumes(object: KubeObject): string[] {
  return claimTemplates(object).map((c) => `${c.name} (claim per pod)`);
}

interface NamespaceInfo {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly details: string[];
}

function namespacesOf(objects: readonly KubeObject[]): NamespaceInfo[] {
  const out = new Map<string, NamespaceInfo>();
  for (const ns of objects.filter((o) => o.kind === 'Namespace')) {
    const labels: Record<string, string> = {
      ...ns.labels,
      'kubernetes.io/metadata.name': ns.name,
    };
    const level = labels['pod-security.kubernetes.io/enforce'];
    out.set(ns.name, {
      name: ns.name,
      labels,
      details: level ? [`Pod Security "${level}" enforced`] : [],
    });
  }
  for (const o of objects) {
    if (o.namespace !== '' && !out.has(o.namespace)) {
      out.set(o.namespace, {
        name: o.namespace,
        labels: { 'kubernetes.io/metadata.name': o.namespace },
        details: ['Namespace not in the manifests'],
      });
    }
  }
  return [...out.values()];
}

/** `1 port`: `5432/TCP`; `53/UDP` and `53/TCP` read `53/UDP+TCP`. */
function portsLabel(ports: readonly string[]): string {
  const byPort = new Map<string, string[]>();
  for (const p of ports) {
    const [port, protocol] = p.includes('/') ? p.split('/') : [p, ''];
    byPort.set(port, [...(byPort.get(port) ?? []), ...(protocol ? [protocol] : [])]);
  }
  return [...byPort]
    .map(([port, protocols]) => (protocols.length > 0 ? `${port}/${protocols.join('+')}` : port))
    .join(', ');
}
