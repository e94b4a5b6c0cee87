import { KubeObject, deploySteps, keyOf } from '../../model';

/**
 * The order `npm run deploy` applies the new manifests in, as lines for the report, when it
 * differs from the order of the old ones (an object moved to another step, or the number of
 * steps changed); no lines when it is the same.
 */
export function deployOrderChange(
  before: readonly KubeObject[],
  after: readonly KubeObject[],
): string[] {
  const old = stepsByKey(deploySteps(before));
  const steps = deploySteps(after);
  const now = stepsByKey(steps);
  const moved = [...now].some(([key, step]) => old.has(key) && old.get(key) !== step);
  const counts = (map: ReadonlyMap<string, number>) => new Set(map.values()).size;
  if (!moved && counts(old) === counts(now)) return [];
  return [
    `deploy order: ${steps.length} steps (was ${counts(old)})`,
    ...steps.map(
      (step, i) => `    step ${i + 1}: ${step.map((o) => `${o.kind} ${o.name}`).join(', ')}`,
    ),
  ];
}

function stepsByKey(steps: readonly (readonly KubeObject[])[]): Map<string, number> {
  return new Map(steps.flatMap((step, i) => step.map((o) => [keyOf(o), i] as const)));
}
