import { Plan, Prerequisite, Wait } from './plan';
import { KubeObject } from '../../model';

/** One kubectl invocation: its arguments, the environment it needs, and what goes to its stdin. */
export interface KubectlCommand {
  /** The arguments after `kubectl`. */
  readonly args: readonly string[];
  /** Environment variables set for it (`KUBECTL_APPLYSET=true`). */
  readonly env?: Readonly<Record<string, string>>;
  /** The objects written to its stdin as YAML (`-f -`). */
  readonly input?: readonly KubeObject[];
}

/** The field manager of the ordered steps; the final, pruning apply uses kubectl's own. */
export const STEP_FIELD_MANAGER = 'cdk8s-webapp-deploy';

/**
 * How long a call other than a wait may take: an API server that hangs must not hang the deploy.
 * The waits are bounded by `--timeout`.
 */
const REQUEST_TIMEOUT = '--request-timeout=60s';

/**
 * The manifests are the truth: a field another manager set (the other apply of the deploy,
 * `kubectl scale`, `kubectl set image`) is taken over rather than refused as a conflict.
 */
const FORCE_CONFLICTS = '--force-conflicts';

/** The annotation on the ApplySet parent that records the git commit last deployed. */
export const DEPLOYED_COMMIT = 'cdk8s-webapp/deployed-commit';

/** Asks the cluster for its version: fails when no cluster is reachable. */
export function clusterVersion(): KubectlCommand {
  return { args: ['version', '--output=json', '--request-timeout=10s'] };
}

/** Prints `secret/<name>` when it exists, nothing when it does not. */
export function getPrerequisite(plan: Plan, prerequisite: Prerequisite): KubectlCommand {
  const resource = prerequisite.kind.toLowerCase();
  return {
    args: [
      'get',
      resource,
      prerequisite.name,
      '-n',
      plan.namespace,
      '--ignore-not-found',
      '-o',
      'name',
      REQUEST_TIMEOUT,
    ],
  };
}

/** The commit the last successful deploy recorded on the ApplySet parent. */
export function readDeployedCommit(plan: Plan): KubectlCommand {
  const key = DEPLOYED_COMMIT.replace(/\./g, '\\.');
  return {
    args: [
      'get',
      'secret',
      plan.applySet.name,
      '-n',
      plan.namespace,
      '--ignore-not-found',
      '-o',
      `jsonpath={.metadata.annotations.${key}}`,
      REQUEST_TIMEOUT,
    ],
  };
}

/** Applies one step's objects (server-side, with the steps' own field manager). */
export function applyStep(plan: Plan, objects: readonly KubeObject[]): KubectlCommand {
  return {
    args: [
      'apply',
      '--server-side',
      FORCE_CONFLICTS,
      `--field-manager=${STEP_FIELD_MANAGER}`,
      '-n',
      plan.namespace,
      '-f',
      '-',
      REQUEST_TIMEOUT,
    ],
    input: objects,
  };
}

/** Waits for a workload's rollout, or for a Job to reach a condition (`Complete`, `Failed`). */
export function waitCommand(
  plan: Plan,
  wait: Wait,
  condition: 'Complete' | 'Failed' = 'Complete',
): KubectlCommand {
  const { object } = wait;
  const timeout = `--timeout=${plan.timeoutSeconds}s`;
  const ref = resourceRef(object);
  return wait.how === 'rollout'
    ? { args: ['rollout', 'status', ref, '-n', plan.namespace, timeout] }
    : { args: ['wait', `--for=condition=${condition}`, ref, '-n', plan.namespace, timeout] };
}

/**
 * Applies the ApplySet's members (every object but Namespaces and claims, see `Plan.members`) and
 * deletes the members of the set that are no longer among them: kubectl's ApplySet pruning
 * (KEP-3659, alpha, hence the environment variable).
 */
export function applyAndPrune(plan: Plan): KubectlCommand {
  return {
    args: [
      'apply',
      '--server-side',
      FORCE_CONFLICTS,
      '--prune',
      `--applyset=${plan.applySet.ref}`,
      '-n',
      plan.namespace,
      '-f',
      '-',
      REQUEST_TIMEOUT,
    ],
    env: { KUBECTL_APPLYSET: 'true' },
    input: plan.members,
  };
}

/**
 * Records the deployed commit on the ApplySet parent, or, for a tree with uncommitted changes,
 * removes the record, so that no earlier commit passes for what is running.
 */
export function recordDeployedCommit(plan: Plan, commit: string | undefined): KubectlCommand {
  return {
    args: [
      'annotate',
      '--overwrite',
      `secret/${plan.applySet.name}`,
      '-n',
      plan.namespace,
      commit === undefined ? `${DEPLOYED_COMMIT}-` : `${DEPLOYED_COMMIT}=${commit}`,
      REQUEST_TIMEOUT,
    ],
  };
}

/** The last events of an object. */
export function eventsOf(plan: Plan, object: KubeObject): KubectlCommand {
  return {
    args: ['events', '--for', resourceRef(object), '-n', plan.namespace, REQUEST_TIMEOUT],
  };
}

/** `deployment/web`: how kubectl names an object on its command line. */
export function resourceRef(object: KubeObject): string {
  return `${object.kind.toLowerCase()}/${object.name}`;
}

/** A command as a user would type it (the objects for stdin are not shown). */
export function shellLine(command: KubectlCommand): string {
  const env = Object.entries(command.env ?? {}).map(([k, v]) => `${k}=${v} `);
  return `${env.join('')}kubectl ${command.args.map(quote).join(' ')}`;
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
