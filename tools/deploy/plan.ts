import { ApplySetParent, applySetParent } from './applyset';
import {
  DeployOrderError,
  KubeObject,
  deploySteps,
  podReferences,
  podTemplateOf,
  records,
  text,
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
  /** Every object, in manifest order. */
  readonly objects: readonly KubeObject[];
  /**
   * The members of the ApplySet: every object but Namespaces and PersistentVolumeClaims, which
   * the final apply, the one that prunes, leaves out. Pruning a Namespace deletes everything in
   * it, Secrets made by hand included, and pruning a claim deletes its data: those are removed
   * by hand, when someone means it (`npm run diff` says so).
   */
  readonly members: readonly KubeObject[];
  /** How long each wait may take, in seconds. */
  readonly timeoutSeconds: number;
}

/** Kinds that the ApplySet never holds, so that a deploy never deletes them (see `members`). */
export const KEPT_OUT_OF_PRUNING: ReadonlySet<string> = new Set([
  'Namespace',
  'PersistentVolumeClaim',
]);

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
    members: objects.filter((o) => !KEPT_OUT_OF_PRUNING.has(o.kind) || o.group !== ''),
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

/** A Secret or ConfigMap an object needs: what the pods read, TLS certificates, pull secrets. */
interface Need {
  readonly kind: Prerequisite['kind'];
  readonly name: string;
  /** The keys read; empty: every key. */
  readonly keys: readonly string[];
}

/** What an object needs that must exist for it to work. */
function needsOf(object: KubeObject): Need[] {
  const template = podTemplateOf(object);
  const fromPods = template === undefined ? [] : podReferences(template);
  const pulls = template === undefined ? [] : records(template.spec.imagePullSecrets);
  const certificates = object.kind === 'Ingress' ? records(object.spec.tls) : [];
  return [
    ...fromPods.flatMap((ref) =>
      (ref.kind === 'Secret' || ref.kind === 'ConfigMap') && !ref.optional
        ? [{ kind: ref.kind, name: ref.name, keys: ref.keys }]
        : [],
    ),
    ...pulls.map((pull) => ({ kind: 'Secret' as const, name: text(pull.name), keys: [] })),
    ...certificates.map((tls) => ({
      kind: 'Secret' as const,
      name: text(tls.secretName),
      keys: ['tls.crt', 'tls.key'],
    })),
  ].filter((need) => need.name !== '');
}

/** The Secrets and ConfigMaps that the objects need (see `needsOf`) and the manifests lack. */
function prerequisites(objects: readonly KubeObject[]): Prerequisite[] {
  const defined = new Set(objects.map((o) => `${o.kind}/${o.namespace}/${o.name}`));
  const found = new Map<
    string,
    { kind: Prerequisite['kind']; name: string; keys?: Set<string>; usedBy: Set<string> }
  >();
  for (const object of objects) {
    for (const need of needsOf(object)) {
      if (defined.has(`${need.kind}/${object.namespace}/${need.name}`)) continue;
      const key = `${need.kind}/${need.name}`;
      const entry = found.get(key) ?? {
        kind: need.kind,
        name: need.name,
        keys: new Set<string>(),
        usedBy: new Set<string>(),
      };
      // A reader of every key makes the list of keys moot.
      if (need.keys.length === 0) entry.keys = undefined;
      need.keys.forEach((k) => entry.keys?.add(k));
      entry.usedBy.add(`${object.kind} ${object.name}`);
      found.set(key, entry);
    }
  }
  return [...found.values()].map((p) => ({
    kind: p.kind,
    name: p.name,
    keys: [...(p.keys ?? [])].sort(),
    usedBy: [...p.usedBy],
  }));
}
