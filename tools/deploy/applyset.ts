import { createHash } from 'crypto';

/**
 * The parent of a kubectl ApplySet (KEP-3659): a Secret that records which objects a deploy
 * applied, so that the next deploy can prune those it no longer applies. kubectl creates it and
 * labels every object it applies with the set's ID.
 */
export interface ApplySetParent {
  /** The Secret's name. */
  readonly name: string;
  /** The Secret's namespace, which must exist before kubectl creates it. */
  readonly namespace: string;
  /** How `kubectl apply --applyset=` names it: `secrets/<name>`. */
  readonly ref: string;
  /** The set's ID, the value of `applyset.kubernetes.io/part-of` on every member. */
  readonly id: string;
}

/** The ApplySet parent of an environment: the Secret `deploy-<environment>` in its namespace. */
export function applySetParent(environment: string, namespace: string): ApplySetParent {
  const name = `deploy-${environment}`;
  return { name, namespace, ref: `secrets/${name}`, id: applySetId(name, namespace, 'Secret', '') };
}

/**
 * An ApplySet's ID as kubectl computes it (`ApplySet.ID()` in kubectl's `applyset.go`):
 * `applyset-` + unpadded URL-safe base64 of sha256(`<name>.<namespace>.<kind>.<group>`) + `-v1`.
 *
 * @param group the parent's API group, `''` for the core group
 */
export function applySetId(name: string, namespace: string, kind: string, group: string): string {
  const hash = createHash('sha256')
    .update([name, namespace, kind, group].join('.'))
    .digest('base64url');
  return `applyset-${hash}-v1`;
}
