import { ApplySetParent, applySetParent } from './applyset';
import {
  DeployOrderError,
  KubeObject,
  deploySteps,
  podReferences,
  podTemplateOf,
} from '../../model';

/** Something the deploy waits for once a step is applied. */
export interface Wait {
  /** The object. */
  readonly object: KubeObject;
  /** `rollout`: `kubectl rollout status` (Deployment, StatefulSet, DaemonSet); `job`: complete or failed. */
  readonly how: 'rollout' | 'job';
}

/** One step of a deploy: objects applied together, then waited for. */
export interface Step {
  /** The objects, in manifest order. */
  readonly objects: readonly KubeObject[];
  /** What is waited for before the next step. */
  readonly waits: readonly Wait[];
}

/** An object the pods read that the manifests do not hold: it must be in the cluster already. */
export interface Prerequisite {
  /** `Secret` or `ConfigMap`. */
  readonly kind: 'Secret' | 'ConfigMap';
  /** Its name. */
  readonly name: string;
  /** The keys the pods read (empty: all of them). */
  readonly keys: readonly string[];
  /** The objects whose pods read it, as `Kind name`. */
  readonly usedBy: readonly string[];
}

/** Everything a deploy does, in order; printed by `--dry-run`, carried out otherwise. */
export interface Plan {
  /** The environment deployed. */
  readonly environment: string;
  /** The namespace of every namespaced object, and of the ApplySet parent. */
  readonly namespace: string;
  /** The Secret that records what the deploy applied, for pruning. */
  readonly applySet: ApplySetParent;
  /** Objects that must exist before anything is applied. */
  readonly prerequisites: readonly Prerequisite[];
  /** The steps, first to last. */
  readonly steps: readonly Step[];
  /** Every object, in manifest order: the final apply that prunes what is no longer there. */
  readonly objects: readonly KubeObject[];
  /** How long each wait may take, in seconds. */
  readonly timeoutSeconds: number;
}

/** Manifests that cannot be deployed as one ApplySet: the message says why. */
export class PlanError extends Error {}

/**
 * Plans the deploy of synthesized manifests, in the steps of `deploySteps` (the order the
 * synthesis wrote into them).
 *
 * @throws PlanError when the objects span several namespaces or name none, or an annotation is
 *   not well formed
 */
export function planDeploy(
  objects: readonly KubeObject[],
  options: { readonly environment: string; readonly timeoutSeconds: number },
): Plan {
  const namespace = onlyNamespace(objects);
  return {
    environment: options.environment,
    namespace,
    applySet: applySetParent(options.environment, namespace),
    prerequisites: prerequisites(objects),
    steps: stepsOf(objects).map((step) => ({ objects: step, waits: step.flatMap(waitFor) })),
    objects,
    timeoutSeconds: options.timeoutSeconds,
  };
}

function stepsOf(objects: readonly KubeObject[]): KubeObject[][] {
  try {
    return deploySteps(objects);
  } catch (error) {
    if (error instanceof DeployOrderError) throw new PlanError(error.message);
    throw error;
  }
}

function onlyNamespace(objects: readonly KubeObject[]): string {
  const namespaces = [...new Set(objects.map((o) => o.namespace).filter((ns) => ns !== ''))];
  if (namespaces.length !== 1) {
    throw new PlanError(
      namespaces.length === 0
        ? 'no object names a namespace, and the ApplySet that prunes needs one'
        : `the objects span ${namespaces.length} namespaces (${namespaces.join(', ')}); one ApplySet prunes one namespace`,
    );
  }
  return namespaces[0];
}

function waitFor(object: KubeObject): Wait[] {
  if (['Deployment', 'StatefulSet', 'DaemonSet'].includes(object.kind) && object.group === 'apps') {
    return [{ object, how: 'rollout' }];
  }
  return object.kind === 'Job' && object.group === 'batch' ? [{ object, how: 'job' }] : [];
}

/** The Secrets and ConfigMaps that pods read, without `optional`, and the manifests lack. */
function prerequisites(objects: readonly KubeObject[]): Prerequisite[] {
  const defined = new Set(objects.map((o) => `${o.kind}/${o.namespace}/${o.name}`));
  const found = new Map<
    string,
    { kind: Prerequisite['kind']; name: string; keys: Set<string>; usedBy: Set<string> }
  >();
  for (const object of objects) {
    const template = podTemplateOf(object);
    if (template === undefined) continue;
    for (const ref of podReferences(template)) {
      if ((ref.kind !== 'Secret' && ref.kind !== 'ConfigMap') || ref.optional) continue;
      if (defined.has(`${ref.kind}/${object.namespace}/${ref.name}`)) continue;
      const key = `${ref.kind}/${ref.name}`;
      const entry = found.get(key) ?? {
        kind: ref.kind,
        name: ref.name,
        keys: new Set(),
        usedBy: new Set(),
      };
      ref.keys.forEach((k) => entry.keys.add(k));
      entry.usedBy.add(`${object.kind} ${object.name}`);
      found.set(key, entry);
    }
  }
  return [...found.values()].map((p) => ({
    kind: p.kind,
    name: p.name,
    keys: [...p.keys].sort(),
    usedBy: [...p.usedBy],
  }));
}
