import {
  KubectlCommand,
  applyAndPrune,
  applyStep,
  clusterVersion,
  eventsOf,
  getPrerequisite,
  readDeployedCommit,
  recordDeployedCommit,
  resourceRef,
  shellLine,
  waitCommand,
} from './commands';
import { createCommand, describePrerequisite } from './format';
import { KubectlResult, runKubectl, startKubectl } from './kubectl';
import { Plan, Wait } from './plan';
import { plural } from '../../gate/plural';
import { KubeObject, displayId } from '../../model';

/** Where a deploy runs kubectl and writes its report. */
export interface DeployContext {
  /** The kubectl executable. */
  readonly kubectl: string;
  /** The environment kubectl runs with (its KUBECONFIG, PATH). */
  readonly env: NodeJS.ProcessEnv;
  /** Writes a line of progress (stdout). */
  readonly out: (line: string) => void;
  /** Writes a line of the failure report (stderr). */
  readonly err: (line: string) => void;
  /** The command that deploys an earlier commit, given the commit: for the rollback advice. */
  readonly redeployCommand: (commit: string) => string;
}

/** Exit codes: done; a step or a check failed; kubectl or the cluster could not be used. */
export const DEPLOYED = 0;
export const FAILED = 1;
export const NO_CLUSTER = 2;

/**
 * Carries out a plan: checks the cluster and the prerequisites, applies the steps in order and
 * waits after each, then applies everything as the ApplySet, which prunes what is no longer
 * there, and records the commit. Stops at the first failure and says what failed, what was and
 * was not applied, and how to roll back.
 *
 * @param commit the commit to record on success, if the deployed tree is one
 * @returns the exit code
 */
export async function carryOut(
  plan: Plan,
  context: DeployContext,
  commit?: string,
): Promise<number> {
  const kubectl = (command: KubectlCommand) => runKubectl(context.kubectl, command, context.env);
  const version = await kubectl(clusterVersion());
  if (version.status !== 0) {
    context.err(
      `deploy: no cluster reachable: ${lastLine(version.stderr) || `kubectl exited with ${version.status}`}`,
    );
    return NO_CLUSTER;
  }
  const missing = [];
  for (const prerequisite of plan.prerequisites) {
    const found = await kubectl(getPrerequisite(plan, prerequisite));
    if (found.status !== 0) return failCheck(context, found);
    if (found.stdout.trim() === '') missing.push(prerequisite);
  }
  if (missing.length > 0) {
    context.err(
      `deploy: nothing applied: ${plural(missing.length, 'object')} the pods read must exist first in namespace ${plan.namespace}:`,
    );
    for (const p of missing) context.err(`  ${describePrerequisite(p)}`);
    context.err('Create them (the namespace too, if it does not exist yet), then deploy again:');
    context.err(`  kubectl create namespace ${plan.namespace}`);
    for (const p of missing) context.err(`  ${createCommand(plan, p)}`);
    return FAILED;
  }
  const recorded = (await kubectl(readDeployedCommit(plan))).stdout.trim() || undefined;
  const report = new FailureReport(plan, context, recorded);
  for (const [i, step] of plan.steps.entries()) {
    context.out(
      `Step ${i + 1} of ${plan.steps.length}: ${step.objects.map((o) => `${o.kind} ${o.name}`).join(', ')}`,
    );
    const applied = await kubectl(applyStep(plan, step.objects));
    echo(context, applied);
    if (applied.status !== 0) return report.applyFailed(i, applied);
    for (const wait of step.waits) {
      const waited = await waitFor(plan, context, wait);
      echo(context, waited);
      if (waited.status !== 0) return report.waitFailed(i, wait, waited);
    }
  }
  context.out(`Pruning: ${shellLine(applyAndPrune(plan))}`);
  const pruned = await kubectl(applyAndPrune(plan));
  echo(context, pruned, (line) => line.endsWith(' pruned'));
  if (pruned.status !== 0) return report.applyFailed(plan.steps.length, pruned);
  const prunedCount = pruned.stdout.split('\n').filter((line) => line.endsWith(' pruned')).length;
  const record = await kubectl(recordDeployedCommit(plan, commit));
  if (record.status !== 0) {
    context.err(`deploy: deployed, but the commit was not recorded: ${lastLine(record.stderr)}`);
  }
  context.out(
    `Deployed ${plan.environment}: ${plural(plan.objects.length, 'object')} in ${plural(plan.steps.length, 'step')}, ${prunedCount} pruned.`,
  );
  return DEPLOYED;
}

/** How a wait ended: kubectl's result, and for a Job whether it failed. */
interface WaitResult extends KubectlResult {
  /** The Job reached its Failed condition. */
  readonly jobFailed?: boolean;
}

/**
 * Waits for a rollout, or for a Job to complete: two waits race, for Complete and for Failed, and
 * the first to end decides (the other is stopped), so a failed Job, or a wait that errs, ends the
 * wait at once.
 */
async function waitFor(plan: Plan, context: DeployContext, wait: Wait): Promise<WaitResult> {
  if (wait.how === 'rollout') {
    return runKubectl(context.kubectl, waitCommand(plan, wait), context.env);
  }
  const complete = startKubectl(context.kubectl, waitCommand(plan, wait, 'Complete'), context.env);
  const failed = startKubectl(context.kubectl, waitCommand(plan, wait, 'Failed'), context.env);
  const first = await Promise.race([
    complete.result.then((r) => ({ r, failedWait: false })),
    failed.result.then((r) => ({ r, failedWait: true })),
  ]);
  complete.stop();
  failed.stop();
  if (first.r.status === 0 && first.failedWait) {
    return { status: 1, stdout: '', stderr: '', jobFailed: true };
  }
  return first.r;
}

/** Says what failed, what was applied and what was not, and how to roll back. */
class FailureReport {
  public constructor(
    private readonly plan: Plan,
    private readonly context: DeployContext,
    private readonly recorded: string | undefined,
  ) {}

  public applyFailed(step: number, result: KubectlResult): number {
    const what =
      step < this.plan.steps.length ? `step ${step + 1} of ${this.plan.steps.length}` : 'pruning';
    this.context.err(`deploy: ${what} failed: kubectl apply exited with ${result.status}`);
    indent(result.stderr).forEach((line) => this.context.err(line));
    const job = /The Job "([^"]+)" is invalid: .*field is immutable/.exec(result.stderr)?.[1];
    if (job !== undefined) {
      this.context.err(
        `A Job's pod template cannot change: kubectl delete job/${job} -n ${this.plan.namespace}, then deploy again.`,
      );
    }
    this.afterFailure(step);
    return FAILED;
  }

  public async waitFailed(step: number, wait: Wait, result: WaitResult): Promise<number> {
    const { object } = wait;
    const verb = wait.how === 'rollout' ? 'roll out' : 'complete';
    const what = result.jobFailed
      ? 'failed'
      : `did not ${verb} within ${this.plan.timeoutSeconds}s`;
    this.context.err(
      `deploy: step ${step + 1} of ${this.plan.steps.length} failed: ${displayId(object)} ${what}`,
    );
    indent(result.stderr).forEach((line) => this.context.err(line));
    const events = await runKubectl(
      this.context.kubectl,
      eventsOf(this.plan, object),
      this.context.env,
    );
    this.context.err(`Its last events (${shellLine(eventsOf(this.plan, object))}):`);
    indent(events.stdout || events.stderr, 10).forEach((line) => this.context.err(line));
    if (wait.how === 'job') {
      const { namespace } = this.plan;
      this.context.err(`Its logs: kubectl logs ${resourceRef(object)} -n ${namespace}`);
      this.context.err(
        `A failed Job stays until it is deleted: kubectl delete ${resourceRef(object)} -n ${namespace}, then deploy again.`,
      );
    }
    this.afterFailure(step, object);
    return FAILED;
  }

  /** What was applied, and the commands that roll back. */
  private afterFailure(step: number, object?: KubeObject): void {
    const { plan, context } = this;
    const steps = plan.steps.length;
    const done = step === 0 ? 'No step was' : step === 1 ? 'Step 1 was' : `Steps 1 to ${step} were`;
    const rest =
      step >= steps
        ? 'the pruning failed: what it printed as pruned is deleted, the rest of the old objects remain'
        : step + 1 < steps
          ? `steps ${step + 2} to ${steps} and the pruning were not run`
          : 'the pruning was not run';
    context.err(`${done} applied and ready; ${rest}.`);
    context.err('To roll back:');
    if (object !== undefined && object.kind !== 'Job') {
      context.err(
        `  kubectl rollout undo ${resourceRef(object)} -n ${plan.namespace}   # this object's previous revision`,
      );
    }
    context.err(
      this.recorded === undefined
        ? '  no earlier deploy recorded its commit: deploy a known good one with --ref <git-ref>'
        : `  ${context.redeployCommand(this.recorded)}   # the commit the last successful deploy recorded`,
    );
  }
}

function failCheck(context: DeployContext, result: KubectlResult): number {
  context.err(`deploy: nothing applied: a check failed: ${lastLine(result.stderr)}`);
  return FAILED;
}

function echo(
  context: DeployContext,
  result: KubectlResult,
  keep: (line: string) => boolean = () => true,
): void {
  indent(result.stdout)
    .filter((line) => keep(line.trim()))
    .forEach((line) => context.out(line));
  // kubectl's warnings (Pod Security, deprecated APIs) come on stderr, also when it succeeds.
  if (result.status === 0) {
    indent(result.stderr)
      .filter((line) => line.trim().startsWith('Warning:'))
      .forEach((line) => context.err(line));
  }
}

function indent(text: string, last = Infinity): string[] {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.slice(Math.max(0, lines.length - last)).map((line) => `    ${line}`);
}

function lastLine(text: string): string {
  return indent(text, 1)[0]?.trim() ?? '';
}
