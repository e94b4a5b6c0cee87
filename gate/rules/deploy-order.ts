import { Context, Issue, RuleFamily } from '../context';
import {
  DEPENDS_ON,
  KubeObject,
  SYNC_WAVE,
  displayId,
  keyOf,
  orderInSteps,
  parseObjectReferences,
  parseSyncWave,
} from '../../model';

/**
 * The annotations that order a deploy for Argo CD and kpt: a sync wave Argo CD cannot read falls
 * back to wave 0 without a word, and kpt refuses a whole apply over a malformed `depends-on`, or
 * dependencies that go round in a cycle.
 */
export const deployOrder: RuleFamily = {
  rules: [
    { id: 'sync-wave', waivable: false },
    { id: 'depends-on', waivable: false },
  ],
  check: (context: Context) => [...context.objects.flatMap(syncWave), ...dependsOn(context)],
};

const SYNC_WAVE_PATH = `metadata.annotations.${SYNC_WAVE}`;
const DEPENDS_ON_PATH = `metadata.annotations.${DEPENDS_ON}`;

function syncWave(object: KubeObject): Issue[] {
  const value = object.annotations[SYNC_WAVE];
  if (value === undefined || parseSyncWave(value) !== undefined) return [];
  const message = `must be an integer, got '${value}'`;
  return [{ object, path: SYNC_WAVE_PATH, rule: 'sync-wave', message }];
}

/**
 * Malformed references; objects among these manifests that depend on each other in a cycle; and
 * an object that depends on one in a later Argo CD sync wave, which Argo CD would apply after it,
 * the other way round from kpt.
 */
function dependsOn(context: Context): Issue[] {
  const issues: Issue[] = [];
  const byKey = new Map(context.objects.map((o) => [keyOf(o), o]));
  const declared = new Map<KubeObject, KubeObject[]>();
  for (const object of context.objects) {
    const value = object.annotations[DEPENDS_ON];
    if (value === undefined) continue;
    try {
      // A reference outside these manifests is to the cluster: kpt waits for it there.
      declared.set(
        object,
        parseObjectReferences(value).flatMap((id) => byKey.get(keyOf(id)) ?? []),
      );
    } catch (error) {
      issues.push({
        object,
        path: DEPENDS_ON_PATH,
        rule: 'depends-on',
        message: (error as Error).message,
      });
    }
  }
  const ordering = orderInSteps({
    nodes: context.objects,
    dependenciesOf: (o) => declared.get(o) ?? [],
  });
  for (const [object, dependencies] of declared) {
    const issue = (message: string) =>
      issues.push({ object, path: DEPENDS_ON_PATH, rule: 'depends-on', message });
    const cycle = dependencies.find((d) => ordering.stepOf.get(d) === ordering.stepOf.get(object));
    if (cycle !== undefined) {
      issue(
        cycle === object
          ? 'an object cannot depend on itself'
          : `depends on ${displayId(cycle)}, which depends on it in turn (a cycle)`,
      );
    }
    const wave = waveOf(object);
    for (const dependency of new Set(dependencies)) {
      const later = waveOf(dependency);
      if (wave === undefined || later === undefined || later <= wave) continue;
      issue(`depends on ${displayId(dependency)}, which is in a later sync wave (${later})`);
    }
  }
  return issues;
}

/** An object's Argo CD sync wave: 0 without the annotation; `undefined` when it is malformed. */
function waveOf(object: KubeObject): number | undefined {
  const value = object.annotations[SYNC_WAVE];
  return value === undefined ? 0 : parseSyncWave(value);
}
