import {
  KubectlCommand,
  applyAndPrune,
  applyStep,
  clusterVersion,
  getPrerequisite,
  readDeployedCommit,
  recordDeployedCommit,
  shellLine,
  waitCommand,
} from './commands';
import { Plan, Prerequisite } from './plan';
import { plural } from '../../gate/plural';
import { KubeObject } from '../../model';

/**
 * The plan as `--dry-run` prints it: every kubectl command in the order the deploy runs them,
 * each under what it is for, with the objects a `-f -` reads.
 *
 * @param commit the commit the deploy records when it succeeds, if any
 */
export function formatPlan(plan: Plan, commit: string | undefined): string {
  const lines = [
    `Deploy of ${plan.environment} into namespace ${plan.namespace}: ${plural(plan.steps.length, 'step')}, then pruning`,
    `(ApplySet ${plan.applySet.ref}, ID ${plan.applySet.id}).`,
    '',
    'Checks, before anything is applied:',
    command(clusterVersion()),
    ...plan.prerequisites.flatMap((p) => [
      command(getPrerequisite(plan, p)),
      note(describePrerequisite(p)),
    ]),
    command(readDeployedCommit(plan)),
  ];
  plan.steps.forEach((step, i) => {
    lines.push('', `Step ${i + 1} of ${plan.steps.length}:`);
    lines.push(command(applyStep(plan, step.objects)), ...objectList(step.objects));
    for (const wait of step.waits) {
      lines.push(command(waitCommand(plan, wait)));
      if (wait.how === 'job')
        lines.push(note(`and, to stop early, ${shellLine(waitCommand(plan, wait, 'Failed'))}`));
    }
  });
  lines.push(
    '',
    'Then the objects again, as the ApplySet, pruning what earlier deploys applied and these no longer hold:',
  );
  const keptOut = plan.objects.length - plan.members.length;
  lines.push(
    command(applyAndPrune(plan)),
    note(
      `${plural(plan.members.length, 'object')}${keptOut > 0 ? '; Namespaces and volume claims are left out, as a deploy never deletes them' : ''}`,
    ),
  );
  lines.push('', 'Finally, what was deployed:', command(recordDeployedCommit(plan, commit)));
  if (commit === undefined) {
    lines.push(note('no commit to record (uncommitted changes, or no git): the record is removed'));
  }
  return lines.join('\n');
}

/** A Secret or ConfigMap that must exist, and what reads it. */
export function describePrerequisite(p: Prerequisite): string {
  const keys =
    p.keys.length === 0 ? '' : ` (${p.keys.length === 1 ? 'key' : 'keys'} ${p.keys.join(', ')})`;
  return `${p.kind} ${p.name}${keys}, read by ${p.usedBy.join(', ')}`;
}

/** The command that creates a missing Secret or ConfigMap, with placeholders for its values. */
export function createCommand(plan: Plan, p: Prerequisite): string {
  const keys = p.keys.length === 0 ? ['<key>'] : p.keys;
  const what = p.kind === 'Secret' ? 'secret generic' : 'configmap';
  const values = keys.map((key) => `--from-literal=${key}='<${key}>'`).join(' ');
  return `kubectl create ${what} ${p.name} -n ${plan.namespace} ${values}`;
}

function command(c: KubectlCommand): string {
  return `  ${shellLine(c)}`;
}

function note(text: string): string {
  return `      ${text}`;
}

/** The objects of a step, as `Kind name`, a few to a line. */
function objectList(objects: readonly KubeObject[]): string[] {
  const lines: string[] = [];
  let line = '';
  for (const name of objects.map((o) => `${o.kind} ${o.name}`)) {
    if (line !== '' && line.length + name.length > 90) {
      lines.push(note(`${line},`));
      line = '';
    }
    line = line === '' ? name : `${line}, ${name}`;
  }
  if (line !== '') lines.push(note(line));
  return lines;
}
