import { KubeObject } from '../../model';

/** A Namespace as the diagram needs it: a box with facts, and labels for policy selectors. */
export interface NamespaceInfo {
  /** Its name. */
  readonly name: string;
  /** Its labels, `kubernetes.io/metadata.name` included, as namespace selectors see them. */
  readonly labels: Readonly<Record<string, string>>;
  /** Facts shown under its name: the Pod Security level, or that it is not in the manifests. */
  readonly details: string[];
}

/**
 * The Namespaces of the manifests, then those that objects are in without a Namespace manifest,
 * in the order they are first met.
 */
export function namespacesOf(objects: readonly KubeObject[]): NamespaceInfo[] {
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
