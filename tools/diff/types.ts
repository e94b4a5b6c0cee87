import { ObjectId } from '../../model';

/** One difference inside an object, at a field path such as `spec.replicas`. */
export interface FieldChange {
  /**
   * The field path: map keys joined with dots (`["..."]` when not a plain name), list items by
   * their `name` where they have one (`containers[web]`), by index otherwise (`ports[0]`).
   */
  readonly path: string;
  /** `added`: only the new object has the field; `removed`: only the old one; else `changed`. */
  readonly type: 'added' | 'removed' | 'changed';
  /** The old value (`undefined` when added). */
  readonly before?: unknown;
  /** The new value (`undefined` when removed). */
  readonly after?: unknown;
}

/**
 * How bad a flagged consequence is: `error`, apply would fail; `warning`, it disrupts a running
 * system (data loss, delete and create, a Service type change); `notice`, worth knowing
 * (a rollout, moved traffic).
 */
export type FlagSeverity = 'error' | 'warning' | 'notice';

/** What applying a change would do to a running system, beyond changing the object. */
export interface Flag {
  /** How bad it is. */
  readonly severity: FlagSeverity;
  /**
   * What kind of consequence: `apply-fails`, `delete-and-create`, `data-loss`, `service-type`,
   * `rollout`, `traffic`, `next-run` or `pruned`.
   */
  readonly code: FlagCode;
  /** One sentence for a human. */
  readonly message: string;
}

/** The kinds of consequence a {@link Flag} names. */
export type FlagCode =
  | 'apply-fails'
  | 'delete-and-create'
  | 'data-loss'
  | 'service-type'
  | 'rollout'
  | 'traffic'
  | 'next-run'
  | 'pruned';

/** One object that apply would create, delete, change, or replace under a new name. */
export interface Change {
  /**
   * `added` and `removed`: only in the new / old manifests; `changed`: in both, different;
   * `renamed`: an object removed and one of the same kind added that look alike (the old one is
   * deleted and the new one created).
   */
  readonly type: 'added' | 'removed' | 'changed' | 'renamed';
  /** The object's identity: the new one, except for `removed`. */
  readonly id: ObjectId;
  /** For `renamed`: the identity of the object it replaces. */
  readonly from?: ObjectId;
  /** The old manifest (`undefined` when added). */
  readonly before?: unknown;
  /** The new manifest (`undefined` when removed). */
  readonly after?: unknown;
  /** The field differences of a `changed` or `renamed` object; empty otherwise. */
  readonly fields: readonly FieldChange[];
  /** The consequences apply would have, most severe first. */
  readonly flags: readonly Flag[];
}
