/**
 * `npm run deploy -- [--env NAME] [--dry-run] [--ref GIT-REF] [--timeout DURATION]`: synthesizes
 * the app (gated) and applies it with kubectl in dependency order, waiting after each step, then
 * prunes what earlier deploys applied and the app no longer holds (kubectl's ApplySet).
 * Exit code 0: deployed (or planned); 1: a step or a check failed; 2: usage, no kubectl or no
 * cluster.
 */
import { spawnSync } from 'child_process';
import { parseArgs } from 'util';
import { formatPlan } from './format';
import { findKubectl, stopAllKubectl } from './kubectl';
import { PlanError, planDeploy } from './plan';
import { FAILED, NO_CLUSTER, carryOut } from './run';
import { ManifestReadError, loadObjects } from '../manifests';
import { PROJECT_ROOT, SynthError, removeSynthesized, synthesizeApp } from '../synth';
import { emptyValueProblem, showUsage, usageProblem } from '../../gate/command-line';
import { UnreadablePathError } from '../../model';
import { describeFailure } from '../../runtime/failure';

const USAGE = `usage: npm run deploy -- [--env NAME] [--dry-run] [--ref GIT-REF] [--timeout DURATION]

Synthesizes the app for an environment (the manifest gate included), then applies it with kubectl
in dependency order, waiting after each step (rollouts, Jobs), and finally prunes what an earlier
deploy applied and the app no longer holds (kubectl's ApplySet, one per environment).

  --env NAME          the environment (default: APP_ENV, else minikube)
  --dry-run           print every kubectl command in order, and run none (no cluster needed)
  --ref GIT-REF       deploy the app as it is at this git revision: the rollback by configuration
  --timeout DURATION  how long each wait may take: 90s, 5m (default: 5m)
  -h, --help          show this help

Exit status: 0 deployed, 1 a step or a check failed, 2 usage, no kubectl or no cluster.`;

/** The longest a wait may take: a day. */
const MAX_TIMEOUT_SECONDS = 24 * 60 * 60;

interface Options {
  readonly environment: string;
  readonly dryRun: boolean;
  readonly ref?: string;
  readonly timeoutSeconds: number;
}

function readArgs(args: readonly string[]): Options | 'help' | string {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: {
        env: { type: 'string', default: process.env.APP_ENV ?? 'minikube' },
        'dry-run': { type: 'boolean', default: false },
        ref: { type: 'string' },
        timeout: { type: 'string', default: '5m' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) return 'help';
    const empty = emptyValueProblem(values, ['env', 'ref', 'timeout']);
    if (empty !== undefined) return empty;
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(values.env)) {
      return `--env must be an environment name (lower-case letters, digits, '-'), got '${values.env}'`;
    }
    const timeout = /^(\d+)(s|m)?$/.exec(values.timeout);
    const seconds = timeout === null ? 0 : Number(timeout[1]) * (timeout[2] === 'm' ? 60 : 1);
    if (!(seconds >= 1 && seconds <= MAX_TIMEOUT_SECONDS))
      return `--timeout must be a duration from 1s to 24h, such as 90s or 5m, got '${values.timeout}'`;
    if (values.ref !== undefined && !isRevision(values.ref)) {
      return `--ref must be a git revision of this repository, got '${values.ref}'`;
    }
    return {
      environment: values.env,
      dryRun: values['dry-run'],
      ref: values.ref,
      timeoutSeconds: seconds,
    };
  } catch (error) {
    return usageProblem(error);
  }
}

/** Runs the CLI with the given arguments; resolves to its exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const options = readArgs(args);
  if (options === 'help') return showUsage('deploy', USAGE);
  if (typeof options === 'string') return showUsage('deploy', USAGE, options);
  const kubectl = findKubectl(process.env.PATH);
  if (kubectl === undefined && !options.dryRun) {
    console.error(
      'deploy: kubectl is not on PATH: install it (https://kubernetes.io/docs/tasks/tools/) and deploy again',
    );
    return NO_CLUSTER;
  }
  // Read before synthesizing: what is recorded must be what was synthesized.
  const commit = deployedCommit(options.ref);
  let synthesized: string | undefined;
  const interrupted = (signal: NodeJS.Signals, code: number) => () => {
    stopAllKubectl();
    if (synthesized !== undefined) removeSynthesized(synthesized);
    console.error(
      `deploy: interrupted (${signal}): the steps already applied stay, nothing was pruned`,
    );
    process.exit(code);
  };
  process.once('SIGINT', interrupted('SIGINT', 130));
  process.once('SIGTERM', interrupted('SIGTERM', 143));
  try {
    synthesized = synthesizeApp({ appEnv: options.environment, ref: options.ref });
    const plan = planDeploy(loadObjects(synthesized), options);
    const unchanged = commit === deployedCommit(options.ref) ? commit : undefined;
    if (options.dryRun) {
      console.log(formatPlan(plan, unchanged));
      return 0;
    }
    return await carryOut(
      plan,
      {
        kubectl: kubectl!,
        env: process.env,
        out: (line) => console.log(line),
        err: (line) => console.error(line),
        redeployCommand: (c) => `npm run deploy -- --env ${options.environment} --ref ${c}`,
      },
      unchanged,
    );
  } catch (error) {
    const expected = [SynthError, ManifestReadError, PlanError, UnreadablePathError];
    if (expected.some((type) => error instanceof type)) {
      console.error(`deploy: ${(error as Error).message}`);
    } else {
      console.error(`deploy: ${describeFailure(error)}`);
    }
    return FAILED;
  } finally {
    if (synthesized !== undefined) removeSynthesized(synthesized);
  }
}

function git(...args: string[]) {
  return spawnSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' });
}

function isRevision(ref: string): boolean {
  return (
    !ref.startsWith('-') && git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`).status === 0
  );
}

/** The commit deployed: the revision asked for, or HEAD when the working tree is clean. */
function deployedCommit(ref: string | undefined): string | undefined {
  const commit = git('rev-parse', '--verify', '--quiet', `${ref ?? 'HEAD'}^{commit}`);
  if (commit.status !== 0) return undefined;
  if (
    ref === undefined &&
    git('status', '--porcelain', '--untracked-files=no').stdout.trim() !== ''
  ) {
    return undefined;
  }
  return commit.stdout.trim();
}

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
