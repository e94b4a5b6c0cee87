import { isRecord, joinPath } from './paths';
import { Manifest } from './types';

/** A Kubernetes object's identity and metadata, read defensively from a parsed document. */
export interface KubeObject {
  /** The manifest it was read from. */
  readonly manifest: Manifest;
  /** The document as an object (empty when the document is not a mapping). */
  readonly raw: Record<string, unknown>;
  /** `apiVersion`, or `''`. */
  readonly apiVersion: string;
  /** The API group: `''` for the core group, `apps` for `apps/v1`. */
  readonly group: string;
  /** `kind`, or `''`. */
  readonly kind: string;
  /** `metadata.name`, or `''`. */
  readonly name: string;
  /** `metadata.namespace`, or `''` when not set. */
  readonly namespace: string;
  /** `metadata.annotations`, string values only. */
  readonly annotations: Readonly<Record<string, string>>;
  /** How findings name it: `Kind/namespace/name`, or `Kind/name` without a namespace. */
  readonly label: string;
}

/** Reads the identity of a manifest's object. */
export function toKubeObject(manifest: Manifest): KubeObject {
  const raw = isRecord(manifest.doc) ? manifest.doc : {};
  const metadata = isRecord(raw.metadata) ? raw.metadata : {};
  const apiVersion = str(raw.apiVersion);
  const kind = str(raw.kind);
  const name = str(metadata.name);
  const namespace = str(metadata.namespace);
  const annotations: Record<string, string> = {};
  if (isRecord(metadata.annotations)) {
    for (const [key, value] of Object.entries(metadata.annotations)) {
      if (typeof value === 'string') annotations[key] = value;
    }
  }
  return {
    manifest,
    raw,
    apiVersion,
    group: apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '',
    kind,
    name,
    namespace,
    annotations,
    label: labelOf(kind, namespace, name),
  };
}

/** `Kind/namespace/name`, or `Kind/name` without a namespace; `-` when nothing is known. */
export function labelOf(kind: string, namespace: string, name: string): string {
  if (kind === '' && name === '') return '-';
  return namespace === '' ? `${kind || '?'}/${name}` : `${kind || '?'}/${namespace}/${name}`;
}

/** A pod spec inside a workload object, with where it sits and the labels its pods get. */
export interface PodTemplate {
  /** The object that holds it. */
  readonly object: KubeObject;
  /** The field path of the pod spec, such as `spec.template.spec`. */
  readonly path: string;
  /** The pod spec. */
  readonly spec: Record<string, unknown>;
  /** The labels of the pods (the template's `metadata.labels`). */
  readonly labels: Readonly<Record<string, string>>;
  /** The field path of those labels, such as `spec.template.metadata.labels`. */
  readonly labelsPath: string;
}

/** The path of the pod template (`metadata` + `spec`) in each kind that has one. */
const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The kinds whose pods run for good, so that probes, PDBs and spreading matter. */
export const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** Returns the pod template of a workload, or `undefined` for other kinds. */
export function podTemplateOf(object: KubeObject): PodTemplate | undefined {
  const steps = TEMPLATE_PATHS[object.kind];
  if (steps === undefined) return undefined;
  let node: unknown = object.raw;
  let path = '';
  for (const step of steps) {
    node = isRecord(node) ? node[step] : undefined;
    path = joinPath(path, step);
  }
  if (!isRecord(node) || !isRecord(node.spec)) return undefined;
  const metadata = isRecord(node.metadata) ? node.metadata : {};
  return {
    object,
    path: joinPath(path, 'spec'),
    spec: node.spec,
    labels: stringMap(metadata.labels),
    labelsPath: joinPath(joinPath(path, 'metadata'), 'labels'),
  };
}

/** One container of a pod spec, with its field path. */
export interface ContainerRef {
  /** The container. */
  readonly container: Record<string, unknown>;
  /** Its field path, such as `spec.template.spec.initContainers[0]`. */
  readonly path: string;
  /** Which list it is in. */
  readonly list: 'containers' | 'initContainers' | 'ephemeralContainers';
}

/** Every container of a pod template: regular, init and ephemeral ones. */
export function containersOf(template: PodTemplate): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const list of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
    const items = template.spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container, i) => {
      if (isRecord(container)) {
        out.push({ container, path: joinPath(joinPath(template.path, list), i), list });
      }
    });
  }
  return out;
}

/** The number of replicas a workload asks for: `spec.replicas`, 1 when not set. */
export function replicasOf(object: KubeObject): number {
  const spec = isRecord(object.raw.spec) ? object.raw.spec : {};
  return typeof spec.replicas === 'number' ? spec.replicas : 1;
}

/** A label map with string values only. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(value)) {
    for (const [key, v] of Object.entries(value)) if (typeof v === 'string') out[key] = v;
  }
  return out;
}

/** True when a plain selector (Service `spec.selector`) matches a label set. */
export function mapSelects(selector: Readonly<Record<string, string>>, labels: Labels): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

type Labels = Readonly<Record<string, string>>;

/**
 * True when a `LabelSelector` (`matchLabels` and `matchExpressions`) matches a label set. An
 * empty selector matches everything, as in NetworkPolicy `podSelector: {}`.
 */
export function labelSelectorSelects(selector: unknown, labels: Labels): boolean {
  if (!isRecord(selector)) return false;
  if (!mapSelects(stringMap(selector.matchLabels), labels)) return false;
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return expressions.every((e) => {
    if (!isRecord(e) || typeof e.key !== 'string') return false;
    const values = Array.isArray(e.values) ? e.values : [];
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In':
        return has && values.includes(labels[e.key]);
      case 'NotIn':
        return !has || !values.includes(labels[e.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}

/** True when a `LabelSelector` has neither `matchLabels` nor `matchExpressions` entries. */
export function isEmptySelector(selector: unknown): boolean {
  if (!isRecord(selector)) return false;
  const labels = isRecord(selector.matchLabels) ? Object.keys(selector.matchLabels).length : 0;
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
  return labels === 0 && exprs === 0;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
