import { Data, record, stringMap, text } from './data';
import { Manifest } from './manifests';

/** Who an object is: two manifests describe the same object when these four are equal. */
export interface ObjectId {
  /** The API group: `''` for the core group, `apps` for `apps/v1`. */
  readonly group: string;
  /** `kind`. */
  readonly kind: string;
  /** `metadata.namespace`, `''` when not set. */
  readonly namespace: string;
  /** `metadata.name`. */
  readonly name: string;
}

/** A Kubernetes object's identity and metadata, read defensively from a parsed document. */
export interface KubeObject extends ObjectId {
  /** The manifest it was read from. */
  readonly manifest: Manifest;
  /** The document as a mapping (empty when the document is not one). */
  readonly raw: Data;
  /** `apiVersion`, or `''`. */
  readonly apiVersion: string;
  /** `spec`, or `{}`. */
  readonly spec: Data;
  /** `metadata.labels`, string values only. */
  readonly labels: Readonly<Record<string, string>>;
  /** `metadata.annotations`, string values only. */
  readonly annotations: Readonly<Record<string, string>>;
  /** How findings name it: `Kind/namespace/name`, or `Kind/name` without a namespace. */
  readonly label: string;
}

/** Reads the identity of a parsed document; missing fields are `''`. */
export function identityOf(doc: unknown): ObjectId {
  const raw = record(doc);
  const metadata = record(raw.metadata);
  const apiVersion = text(raw.apiVersion);
  return {
    group: apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '',
    kind: text(raw.kind),
    namespace: text(metadata.namespace),
    name: text(metadata.name),
  };
}

/** Reads the object of a manifest. */
export function toKubeObject(manifest: Manifest): KubeObject {
  const raw = record(manifest.doc);
  const metadata = record(raw.metadata);
  const id = identityOf(raw);
  return {
    ...id,
    manifest,
    raw,
    apiVersion: text(raw.apiVersion),
    spec: record(raw.spec),
    labels: stringMap(metadata.labels),
    annotations: stringMap(metadata.annotations),
    label: labelOf(id.kind, id.namespace, id.name),
  };
}

/** `Kind/namespace/name`, or `Kind/name` without a namespace; `-` when nothing is known. */
export function labelOf(kind: string, namespace: string, name: string): string {
  if (kind === '' && name === '') return '-';
  return namespace === '' ? `${kind || '?'}/${name}` : `${kind || '?'}/${namespace}/${name}`;
}

/** A string that is equal for equal identities: `group/kind/namespace/name`. */
export function keyOf(id: ObjectId): string {
  return [id.group, id.kind, id.namespace, id.name].join('/');
}

/**
 * How people read an identity: `Deployment stock-trader/web`, `Namespace stock-trader`, with the
 * group when asked for (`Ingress.networking.k8s.io shop/web`).
 */
export function displayId(id: ObjectId, withGroup = false): string {
  const kind = withGroup && id.group !== '' ? `${id.kind}.${id.group}` : id.kind;
  return `${kind} ${id.namespace === '' ? id.name : `${id.namespace}/${id.name}`}`;
}
