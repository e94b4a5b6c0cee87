import { listOf, objectOf, oneOf, optional, required } from './validation/shapes';

/** The phase of an Argo CD sync in which a hook runs. */
export enum SyncPhase {
  /** Before any object of the sync is applied. */
  PRE_SYNC = 'PreSync',
  /** With the objects of the sync, in its sync wave. */
  SYNC = 'Sync',
  /** Once the sync has succeeded and every object is healthy. */
  POST_SYNC = 'PostSync',
  /** When the sync fails. */
  SYNC_FAIL = 'SyncFail',
}

/** When Argo CD deletes a hook. */
export enum HookDeletePolicy {
  /** Just before the hook is created again, at the next sync. */
  BEFORE_HOOK_CREATION = 'BeforeHookCreation',
  /** As soon as it has succeeded. */
  HOOK_SUCCEEDED = 'HookSucceeded',
  /** As soon as it has failed. */
  HOOK_FAILED = 'HookFailed',
}

/**
 * A Job that Argo CD runs as a resource hook: created anew for every sync, in a phase, rather
 * than kept in sync as an object (a Job's pod template cannot change, so a Job that must run again
 * with a new image is a hook). `kubectl apply` and `npm run deploy` ignore these annotations and
 * apply the Job in its place in the deploy order.
 */
export interface ArgoCdHook {
  /**
   * The phase the Job runs in. `SyncPhase.SYNC` runs it in its sync wave, after what it depends on
   * (the database it migrates); `SyncPhase.PRE_SYNC` runs it before anything is applied, which
   * suits only a Job whose dependencies are already running (a database outside the app).
   */
  readonly phase: SyncPhase;
  /**
   * When Argo CD deletes the Job.
   *
   * @default [HookDeletePolicy.BEFORE_HOOK_CREATION] (also for an empty list) - the Job of the
   *   last sync stays, with its logs, until the next sync replaces it
   */
  readonly deletePolicies?: readonly HookDeletePolicy[];
}

/** The runtime type of {@link ArgoCdHook}. */
export const ARGO_CD_HOOK = objectOf<ArgoCdHook>('Argo CD hook settings', {
  phase: required(oneOf(Object.values(SyncPhase))),
  deletePolicies: optional(listOf(oneOf(Object.values(HookDeletePolicy)))),
});

/** The annotations that make an object an Argo CD hook. */
export function argoCdHookAnnotations(hook: ArgoCdHook): Record<string, string> {
  const policies = hook.deletePolicies?.length
    ? hook.deletePolicies
    : [HookDeletePolicy.BEFORE_HOOK_CREATION];
  return {
    'argocd.argoproj.io/hook': hook.phase,
    'argocd.argoproj.io/hook-delete-policy': [...new Set(policies)].join(','),
  };
}
