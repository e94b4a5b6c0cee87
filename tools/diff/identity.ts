import { isRecord } from '../../gate/paths';
import { ObjectId } from './types';

/** Reads the identity of a parsed manifest; missing fields are `''`. */
export function identityOf(doc: unknown): ObjectId {
  const raw = isRecord(doc) ? doc : {};
  const metadata = isRecord(raw.metadata) ? raw.metadata : {};
  const apiVersion = text(raw.apiVersion);
  return {
    group: apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '',
    kind: text(raw.kind),
    namespace: text(metadata.namespace),
    name: text(metadata.name),
  };
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

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
