import { KubeObject } from '../../model';

/** The diagram node id of an object of the manifests, read or referred to: `Kind/namespace/name`. */
export function nodeId(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** The diagram node id of an object: `Kind/namespace/name`. */
export function idOf(object: KubeObject): string {
  return nodeId(object.kind, object.namespace, object.name);
}
