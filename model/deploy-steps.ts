import {
  DEPENDS_ON,
  SYNC_WAVE,
  inferredDependencies,
  parseObjectReferences,
  parseSyncWave,
} from './dependencies';
import { KubeObject, displayId, keyOf } from './object';
import { orderInSteps } from './topology';

/** A deploy-order annotation that cannot be read. */
export class DeployOrderError extends Error {}

/**
 * The steps in which manifests are deployed: by Argo CD sync wave (the synthesis writes each
 * object's step there), then within a wave by kpt's `depends-on` and by what the manifests name
 * (a Namespace before what it holds, the ConfigMaps and Secrets before the pods that read them),
 * so that manifests without those annotations deploy in a sensible order too.
 *
 * @throws DeployOrderError when an annotation is not well formed
 */
export function deploySteps(objects: readonly KubeObject[]): KubeObject[][] {
  const byKey = new Map(objects.map((o) => [keyOf(o), o]));
  const inferred = inferredDependencies(objects);
  const dependencies = new Map(
    objects.map((o) => [o, [...inferred.get(o)!, ...declaredDependencies(o, byKey)]]),
  );
  const waves = new Map<number, KubeObject[]>();
  for (const object of objects) {
    const wave = syncWave(object);
    const members = waves.get(wave);
    if (members === undefined) waves.set(wave, [object]);
    else members.push(object);
  }
  return [...waves.keys()]
    .sort((a, b) => a - b)
    .flatMap((wave) =>
      orderInSteps({
        nodes: waves.get(wave)!,
        dependenciesOf: (o) => dependencies.get(o)!,
      }).steps.map((step) => [...step]),
    );
}

function declaredDependencies(
  object: KubeObject,
  byKey: ReadonlyMap<string, KubeObject>,
): KubeObject[] {
  const value = object.annotations[DEPENDS_ON];
  if (value === undefined) return [];
  try {
    // A dependency outside the manifests is the cluster's: there is nothing to order.
    return parseObjectReferences(value).flatMap((id) => byKey.get(keyOf(id)) ?? []);
  } catch (error) {
    throw new DeployOrderError(`${displayId(object)}: ${DEPENDS_ON}: ${(error as Error).message}`);
  }
}

function syncWave(object: KubeObject): number {
  const value = object.annotations[SYNC_WAVE];
  if (value === undefined) return 0;
  const wave = parseSyncWave(value);
  if (wave === undefined) {
    throw new DeployOrderError(
      `${displayId(object)}: ${SYNC_WAVE} must be an integer, got '${value}'`,
    );
  }
  return wave;
}
