import { ApiObject, App } from 'cdk8s';
import { IConstruct } from 'constructs';
import {
  DEPENDS_ON,
  KubeObject,
  Ordering,
  SYNC_WAVE,
  inferredDependencies,
  isRecord,
  isReferenceable,
  objectReference,
  orderInSteps,
  podTemplateOf,
  toKubeObject,
} from '../model';
import { DeployOrder } from '../src/deploy-order';
import { PropCheck } from '../src/validation/prop-check';
import { BOOLEAN, anyOf, instanceOf, objectOf, optional, shape } from '../src/validation/shapes';

/** Which deploy-order annotations a synthesis writes into the manifests. */
export interface DeployAnnotations {
  /**
   * Argo CD's `argocd.argoproj.io/sync-wave` on every object: its step, from 0. Argo CD applies
   * a wave and waits for it to be healthy before the next.
   *
   * @default true
   */
  readonly syncWaves?: boolean;
  /**
   * kpt's and Config Sync's `config.kubernetes.io/depends-on` on every object that depends on
   * other objects: on what it names (its Namespace, the ConfigMaps its pods read), on the
   * workloads its own workload comes after (`connectTo`), and on API objects it was made to
   * depend on; the fewest of them that imply the order (a transitive reduction). A dependency
   * between whole charts is left to the sync waves: listing every object of a chart on every
   * object of the charts that depend on it would grow as their product.
   *
   * @default true
   */
  readonly dependsOn?: boolean;
}

/** One object of the graph: its construct (when it has one) and the object as synthesized. */
interface Node {
  readonly construct?: ApiObject;
  readonly object: KubeObject;
}

/** All the objects of a construct that others depend on, as one node of the order. */
interface Join {
  readonly joins: IConstruct;
}

type GraphNode = Node | Join;

/**
 * The order in which an app's objects reach a cluster, computed from what the app already says:
 *
 * - cdk8s dependencies (`chart.addDependency`, `Node.of(x).addDependency`): the objects of the
 *   dependent after those of the dependency;
 * - the "afters" of {@link DeployOrder}: the pods of a workload after what it `connectTo`s;
 * - what the manifests name: a Namespace before what it holds, a CustomResourceDefinition before
 *   its resources, the ConfigMaps, Secrets, claims and ServiceAccount of the app before the pods
 *   that use them, an autoscaler after its target, an Ingress after its Services.
 *
 * Objects go in steps: each in the step after the last of its dependencies. Objects that depend
 * on each other share a step. `npm run deploy` applies the steps in order and waits for each;
 * the annotations ({@link DeployAnnotations}) carry the same order to Argo CD and kpt.
 *
 * @example
 * const graph = DeployGraph.of(app);
 * graph.steps.forEach((step, i) => console.log(i, step.map((o) => o.name)));
 */
export class DeployGraph {
  /** The graph of an app, resolving every object (call it once the app is complete). */
  public static of(app: App): DeployGraph {
    new PropCheck('DeployGraph.of').shape('app', app, instanceOf(App, 'a cdk8s App'));
    const constructs = app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
    const graph = DeployGraph.fromResolved(
      app,
      constructs.map((construct) => ({ construct, doc: construct.toJson() })),
    );
    return graph;
  }

  /**
   * The graph of objects already resolved (the synth writer's), with `construct` where the object
   * has one. Construct dependencies are read as declared, before synthesis adds its own.
   *
   * @internal
   */
  public static fromResolved(
    app: IConstruct,
    resolved: readonly { readonly construct?: ApiObject; readonly doc: unknown }[],
    declared: readonly ConstructEdge[] = declaredEdges(app),
  ): DeployGraph {
    const nodes: Node[] = resolved.map(({ construct, doc }, index) => ({
      construct,
      object: toKubeObject({ file: '', index, doc }),
    }));
    const byObject = new Map(nodes.map((n) => [n.object, n]));
    const byConstruct = new Map(nodes.flatMap((n) => (n.construct ? [[n.construct, n]] : [])));
    // Two graphs: `named`, the dependencies between objects (what one names, an "after" between
    // workloads, cdk8s dependencies between two API objects), which depends-on lists; and
    // `ordered`, which adds the dependencies between whole constructs (a chart on a chart)
    // through one join per construct depended on, and decides the steps.
    const named = new Map<Node, Set<Node>>(nodes.map((n) => [n, new Set<Node>()]));
    for (const [object, deps] of inferredDependencies(nodes.map((n) => n.object))) {
      for (const dep of deps) named.get(byObject.get(object)!)!.add(byObject.get(dep)!);
    }
    const ordered = new Map<GraphNode, Set<GraphNode>>([...named].map(([n, d]) => [n, new Set(d)]));
    const under = objectsUnder(byConstruct);
    const insideMemo = new Map<IConstruct, ReadonlySet<Node>>();
    const inside = (c: IConstruct) => {
      let set = insideMemo.get(c);
      if (set === undefined) insideMemo.set(c, (set = new Set(under(c))));
      return set;
    };
    const joins = new Map<IConstruct, Join>();
    const joinOf = (construct: IConstruct): Join => {
      let join = joins.get(construct);
      if (join === undefined) {
        join = { joins: construct };
        joins.set(construct, join);
        ordered.set(join, new Set(under(construct)));
      }
      return join;
    };
    for (const { dependent, dependency, workloadsOnly } of declared) {
      const later = workloadsOnly ? workloadsOf(under(dependent)) : under(dependent);
      const single = dependency instanceof ApiObject && byConstruct.get(dependency);
      for (const node of later) {
        if (single) {
          if (single !== node && dependent instanceof ApiObject) named.get(node)!.add(single);
          if (single !== node) ordered.get(node)!.add(single);
        } else if (!inside(dependency).has(node)) {
          ordered.get(node)!.add(joinOf(dependency));
        }
      }
      if (workloadsOnly) {
        for (const node of later) {
          for (const target of workloadsOf(under(dependency))) {
            if (target !== node) named.get(node)!.add(target);
          }
        }
      }
    }
    const order = orderInSteps<GraphNode>({
      nodes: [...nodes, ...joins.values()],
      dependenciesOf: (n) => ordered.get(n)!,
      isJoin: (n) => 'joins' in n,
    });
    const declaredOrder = orderInSteps({ nodes, dependenciesOf: (n) => named.get(n)! });
    return new DeployGraph(nodes, order.stepOf as ReadonlyMap<Node, number>, declaredOrder);
  }

  private readonly byConstruct: ReadonlyMap<ApiObject, Node>;

  private constructor(
    private readonly nodes: readonly Node[],
    private readonly stepOfNode: ReadonlyMap<Node, number>,
    private readonly declared: Ordering<Node>,
  ) {
    this.byConstruct = new Map(nodes.flatMap((n) => (n.construct ? [[n.construct, n]] : [])));
  }

  /** The objects in steps, first to last; each step's objects can be applied together. */
  public get steps(): readonly (readonly ApiObject[])[] {
    const steps: ApiObject[][] = [];
    for (const node of this.nodes) {
      if (node.construct) (steps[this.stepOfNode.get(node)!] ??= []).push(node.construct);
    }
    return steps.filter((step) => step !== undefined);
  }

  /** The step of an object, from 0. */
  public stepOf(object: ApiObject): number {
    const node = this.byConstruct.get(object);
    if (node === undefined) {
      const check: PropCheck = new PropCheck('DeployGraph.stepOf');
      check.fail('object', object, 'an API object of the app');
    }
    return this.stepOfNode.get(node)!;
  }

  /**
   * Writes the annotations into the app's objects, for an app that `App.synth()` writes
   * (`runSynth` writes them itself).
   */
  public annotate(options: DeployAnnotations = {}): void {
    new PropCheck('DeployGraph.annotate').shape('options', options, ANNOTATIONS);
    for (const node of this.nodes) {
      for (const [key, value] of Object.entries(this.annotationsOf(node, options))) {
        node.construct?.metadata.addAnnotation(key, value);
      }
    }
  }

  /**
   * Writes the annotations into the resolved documents, where cdk8s would put them (sorted when
   * the metadata is).
   *
   * @internal
   */
  public annotateResolved(options: DeployAnnotations): void {
    for (const node of this.nodes)
      addAnnotations(node.object.raw, this.annotationsOf(node, options));
  }

  private annotationsOf(node: Node, options: DeployAnnotations): Record<string, string> {
    const annotations: Record<string, string> = {};
    if (options.syncWaves ?? true) annotations[SYNC_WAVE] = String(this.stepOfNode.get(node));
    const needs = this.declared
      .essentialDependenciesOf(node)
      .filter((n) => isReferenceable(n.object));
    if ((options.dependsOn ?? true) && needs.length > 0) {
      annotations[DEPENDS_ON] = needs.map((n) => objectReference(n.object)).join(',');
    }
    return annotations;
  }
}

/** A construct-level "after": cdk8s' dependencies and {@link DeployOrder}'s. */
export interface ConstructEdge {
  readonly dependent: IConstruct;
  readonly dependency: IConstruct;
  /** Only the objects of `dependent` that run pods wait (DeployOrder's "after"). */
  readonly workloadsOnly?: boolean;
}

/** The dependencies the app declares, as they are before synthesis adds its own. */
export function declaredEdges(app: IConstruct): ConstructEdge[] {
  const cdk8s = app.node
    .findAll()
    .flatMap((dependent) =>
      dependent.node.dependencies.map((dependency) => ({ dependent, dependency })),
    );
  const afters = DeployOrder.of(app).afters.map((after) => ({ ...after, workloadsOnly: true }));
  return [...cdk8s, ...afters];
}

/** The nodes that run pods (Deployments, Jobs...), or all of them when none does. */
function workloadsOf(nodes: readonly Node[]): readonly Node[] {
  const workloads = nodes.filter((n) => podTemplateOf(n.object) !== undefined);
  return workloads.length > 0 ? workloads : nodes;
}

/** The graph nodes of the API objects inside a construct (itself included), memoized. */
function objectsUnder(byConstruct: ReadonlyMap<ApiObject, Node>): (c: IConstruct) => Node[] {
  const memo = new Map<IConstruct, Node[]>();
  return (construct) => {
    let found = memo.get(construct);
    if (found === undefined) {
      found = construct.node
        .findAll()
        .flatMap((c) =>
          c instanceof ApiObject && byConstruct.has(c) ? [byConstruct.get(c)!] : [],
        );
      memo.set(construct, found);
    }
    return found;
  };
}

/** Adds annotations to a resolved document, keeping its metadata's keys sorted if they are. */
function addAnnotations(doc: Record<string, unknown>, added: Record<string, string>): void {
  if (Object.keys(added).length === 0 || !isRecord(doc.metadata)) return;
  const metadata = doc.metadata;
  const annotations = { ...(isRecord(metadata.annotations) ? metadata.annotations : {}), ...added };
  const sorted = isSorted(Object.keys(metadata));
  metadata.annotations = sorted ? sortKeys(annotations) : annotations;
  if (sorted) doc.metadata = sortKeys(metadata);
}

function isSorted(keys: readonly string[]): boolean {
  return keys.every((key, i) => i === 0 || keys[i - 1] <= key);
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, value[k]]),
  );
}

const ANNOTATIONS = objectOf<DeployAnnotations>('the deploy annotations', {
  syncWaves: optional(BOOLEAN),
  dependsOn: optional(BOOLEAN),
});

/** The runtime type of a `deployAnnotations` option: the annotations, or false for none. */
export const DEPLOY_ANNOTATIONS = anyOf(
  `false, or ${ANNOTATIONS.allowed}`,
  shape('false', (v) => v === false),
  ANNOTATIONS,
);
