import { KubeObject, PodTemplate, podTemplateOf } from './objects';
import { Severity } from './types';

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
      const key = `${object.kind}\n${object.namespace}`;
      const list = this.index.get(key);
      if (list === undefined) this.index.set(key, [object]);
      else list.push(object);
    }
    this.templates = templates;
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

/** A family of rules: their ids and the check that applies them. */
export interface RuleFamily {
  /** The rules this family can report. */
  readonly rules: readonly RuleInfo[];
  /** Applies the rules to all objects at once. */
  readonly check: (context: Context) => Issue[];
}
