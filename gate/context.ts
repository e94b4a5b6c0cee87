import { Severity } from './types';
import {
  KubeObject,
  PodTemplate,
  isRecord,
  labelSelectorSelects,
  mapSelects,
  podTemplateOf,
  stringMap,
} from '../model';

/** A problem that a rule found in one object, before waivers are applied. */
export interface Issue {
  /** The object the problem belongs to (and whose annotations may waive it). */
  readonly object: KubeObject;
  /** The field path inside that object. */
  readonly path: string;
  /** The rule id. */
  readonly rule: string;
  /** What is wrong and what is allowed. */
  readonly message: string;
  /** @default 'error' */
  readonly severity?: Severity;
}

/** A rule a family of checks can report, for the waiver check and the documentation. */
export interface RuleInfo {
  /** The kebab-case rule id. */
  readonly id: string;
  /** Whether an object's annotation may waive it. */
  readonly waivable: boolean;
}

/** Everything the policy rules look at: all documents of one run, checked together. */
export class Context {
  /** The objects of every well-formed document whose kind Kubernetes 1.27 serves. */
  public readonly objects: readonly KubeObject[];
  /** The pod template of every workload among them. */
  public readonly templates: readonly PodTemplate[];
  private readonly index = new Map<string, KubeObject[]>();
  private readonly templateIndex = new Map<string, PodTemplate[]>();
  // Lookups the rules make once per object, indexed so that a run stays linear in its size.
  private readonly nameIndex = new Map<string, KubeObject[]>();
  private readonly templatesByLabel = new Map<string, PodTemplate[]>();
  private readonly selectorIndex = new Map<string, SelectorIndex>();

  /** @param objects the objects to check, in file and document order */
  public constructor(objects: readonly KubeObject[]) {
    this.objects = objects;
    const templates: PodTemplate[] = [];
    for (const object of objects) {
      const template = podTemplateOf(object);
      if (template !== undefined) {
        templates.push(template);
        const inNamespace = this.templateIndex.get(object.namespace);
        if (inNamespace === undefined) this.templateIndex.set(object.namespace, [template]);
        else inNamespace.push(template);
      }
      append(this.index, `${object.kind}\n${object.namespace}`, object);
      append(this.nameIndex, `${object.kind}\n${object.namespace}\n${object.name}`, object);
    }
    this.templates = templates;
    for (const template of templates) {
      for (const [key, value] of Object.entries(template.labels)) {
        append(this.templatesByLabel, labelKey(template.object.namespace, key, value), template);
      }
    }
  }

  /** The objects of one kind in one namespace with one name, in file order. */
  public named(kind: string, namespace: string, name: unknown): readonly KubeObject[] {
    return this.nameIndex.get(`${kind}\n${namespace}\n${String(name)}`) ?? [];
  }

  /**
   * The pod templates in one namespace whose labels include every pair of `labels` (all of them
   * when `labels` is empty), in file order.
   */
  public templatesCarrying(
    namespace: string,
    labels: Readonly<Record<string, string>>,
  ): readonly PodTemplate[] {
    let candidates = this.templatesIn(namespace);
    for (const [key, value] of Object.entries(labels)) {
      const carrying = this.templatesByLabel.get(labelKey(namespace, key, value)) ?? [];
      if (carrying.length < candidates.length) candidates = carrying;
    }
    return candidates.filter((t) => mapSelects(labels, t.labels));
  }

  /**
   * Whether an object of `kind` in `namespace` has a LabelSelector at `spec.<field>` that
   * selects `labels` (a NetworkPolicy's `podSelector`, a PodDisruptionBudget's `selector`).
   */
  public anySelects(
    kind: string,
    namespace: string,
    field: string,
    labels: Readonly<Record<string, string>>,
  ): boolean {
    const key = `${kind}\n${namespace}\n${field}`;
    let index = this.selectorIndex.get(key);
    if (index === undefined) {
      index = { always: [], byLabel: new Map() };
      for (const object of this.inNamespace(kind, namespace)) {
        const spec = object.spec;
        const selector = spec[field];
        if (!isRecord(selector)) continue;
        const [first] = Object.entries(stringMap(selector.matchLabels));
        if (first === undefined) index.always.push(selector);
        else append(index.byLabel, labelKey('', first[0], first[1]), selector);
      }
      this.selectorIndex.set(key, index);
    }
    const selects = (selector: unknown) => labelSelectorSelects(selector, labels);
    if (index.always.some(selects)) return true;
    return Object.entries(labels).some(([k, v]) =>
      (index.byLabel.get(labelKey('', k, v)) ?? []).some(selects),
    );
  }

  /** The objects of one kind in one namespace (`''`: no namespace given). */
  public inNamespace(kind: string, namespace: string): readonly KubeObject[] {
    return this.index.get(`${kind}\n${namespace}`) ?? [];
  }

  /** The pod templates of the workloads in one namespace. */
  public templatesIn(namespace: string): readonly PodTemplate[] {
    return this.templateIndex.get(namespace) ?? [];
  }

  /** The objects of one kind in every namespace. */
  public ofKind(kind: string): readonly KubeObject[] {
    return this.objects.filter((o) => o.kind === kind);
  }
}

/**
 * LabelSelectors by their first matchLabels pair, which every label set they select carries; those
 * without matchLabels (expressions only, or empty) are candidates for every label set.
 */
interface SelectorIndex {
  readonly always: unknown[];
  readonly byLabel: Map<string, unknown[]>;
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function labelKey(namespace: string, key: string, value: string): string {
  return `${namespace}\n${key}\n${value}`;
}

/** A family of rules: their ids and the check that applies them. */
export interface RuleFamily {
  /** The rules this family can report. */
  readonly rules: readonly RuleInfo[];
  /** Applies the rules to all objects at once. */
  readonly check: (context: Context) => Issue[];
}
