/**
 * Ordering a dependency graph in steps: everything a node depends on comes in an earlier step.
 * Nodes that depend on each other (a cycle: two workloads that connect to each other) cannot be
 * ordered, so they share a step; the rest of the graph is ordered around them.
 */

/** A graph over nodes of any kind: each node's direct dependencies, in the graph's own nodes. */
export interface Graph<T> {
  /** The nodes, in the order that breaks ties (steps list their nodes in this order). */
  readonly nodes: readonly T[];
  /** The direct dependencies of a node; nodes outside the graph are ignored. */
  readonly dependenciesOf: (node: T) => Iterable<T>;
  /**
   * Whether a node only joins its dependencies into one (all the objects of a chart, for the
   * charts that depend on it): it is done once they are, takes no step of its own and is in
   * no step, so that n dependents of m objects need n + m edges rather than n × m.
   *
   * @default - no node is a join
   */
  readonly isJoin?: (node: T) => boolean;
}

/** A graph ordered in steps. */
export interface Ordering<T> {
  /** The steps, first to last; a node's dependencies are all in earlier steps or its own cycle. */
  readonly steps: readonly (readonly T[])[];
  /** The index of each node's step (joins have none). */
  readonly stepOf: ReadonlyMap<T, number>;
  /**
   * The dependencies a node needs declared so that the order follows: its direct dependencies in
   * earlier steps, less those it already reaches through another one (the transitive reduction).
   * Dependencies inside its own cycle are left out, so that these edges never form a cycle, and
   * each member of a cycle declares what any member needs from outside it.
   */
  readonly essentialDependenciesOf: (node: T) => readonly T[];
}

/**
 * Orders a graph in steps: each node goes into the step after the last of its dependencies
 * (longest path), so every step holds as much as can be done at once.
 */
export function orderInSteps<T>(graph: Graph<T>): Ordering<T> {
  const index = new Map(graph.nodes.map((node, i) => [node, i]));
  const edges = graph.nodes.map((node) =>
    unique([...graph.dependenciesOf(node)].flatMap((d) => index.get(d) ?? [])),
  );
  const component = stronglyConnected(edges);
  const isJoin = graph.nodes.map((node) => graph.isJoin?.(node) ?? false);
  // The last step a node waits for: its own, or for a join the last of its dependencies'.
  const done = new Array<number>(graph.nodes.length).fill(-1);
  const level = new Array<number | undefined>(graph.nodes.length);
  // Components come out of Tarjan's algorithm dependencies first, so one pass sets every level.
  for (const members of component.members) {
    let start = 0;
    for (const n of members) {
      for (const d of edges[n]) {
        if (component.of[d] !== component.of[n]) start = Math.max(start, done[d] + 1);
      }
    }
    const onlyJoins = members.every((n) => isJoin[n]);
    for (const n of members) {
      done[n] = onlyJoins ? start - 1 : start;
      if (!isJoin[n]) level[n] = start;
    }
  }
  const steps: T[][] = [];
  const stepOf = new Map<T, number>();
  graph.nodes.forEach((node, i) => {
    const step = level[i];
    if (step === undefined) return;
    (steps[step] ??= []).push(node);
    stepOf.set(node, step);
  });
  const reach = reachability(edges, component);
  const essentialDependenciesOf = (node: T): T[] => {
    const n = index.get(node);
    if (n === undefined) return [];
    // A cycle is deployed as one: each member needs what any member needs from outside it.
    const members = component.members[component.of[n]];
    const outside = unique(members.flatMap((m) => edges[m])).filter(
      (d) => component.of[d] !== component.of[n],
    );
    const implied = (d: number) =>
      outside.some(
        (other) => other !== d && component.of[other] !== component.of[d] && reach(other, d),
      );
    return unique(outside.filter((d) => !implied(d))).map((d) => graph.nodes[d]);
  };
  // No step is empty: a node's step is one more than the step of a node it waits for.
  return { steps, stepOf, essentialDependenciesOf };
}

interface Components {
  /** The component of each node. */
  readonly of: readonly number[];
  /** The members of each component, dependencies' components first. */
  readonly members: readonly (readonly number[])[];
}

/** Tarjan's strongly connected components, iteratively (deep graphs must not overflow the stack). */
function stronglyConnected(edges: readonly (readonly number[])[]): Components {
  const count = edges.length;
  const order = new Array<number>(count).fill(-1);
  const low = new Array<number>(count).fill(0);
  const onStack = new Array<boolean>(count).fill(false);
  const of = new Array<number>(count).fill(-1);
  const members: number[][] = [];
  const stack: number[] = [];
  let next = 0;
  for (let root = 0; root < count; root++) {
    if (order[root] !== -1) continue;
    const frames: [node: number, edge: number][] = [[root, 0]];
    order[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = true;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const [node, edge] = frame;
      if (edge < edges[node].length) {
        frame[1]++;
        const to = edges[node][edge];
        if (order[to] === -1) {
          order[to] = low[to] = next++;
          stack.push(to);
          onStack[to] = true;
          frames.push([to, 0]);
        } else if (onStack[to]) {
          low[node] = Math.min(low[node], order[to]);
        }
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1][0];
        low[parent] = Math.min(low[parent], low[node]);
      }
      if (low[node] !== order[node]) continue;
      const group: number[] = [];
      let member: number;
      do {
        member = stack.pop()!;
        onStack[member] = false;
        of[member] = members.length;
        group.push(member);
      } while (member !== node);
      members.push(group.sort((a, b) => a - b));
    }
  }
  return { of, members };
}

/** Whether one node reaches another through dependencies, memoized per starting component. */
function reachability(
  edges: readonly (readonly number[])[],
  component: Components,
): (from: number, to: number) => boolean {
  const reached = new Map<number, Set<number>>();
  const componentsFrom = (start: number): Set<number> => {
    let seen = reached.get(start);
    if (seen !== undefined) return seen;
    seen = new Set([start]);
    const pending = [...component.members[start]];
    while (pending.length > 0) {
      for (const d of edges[pending.pop()!]) {
        if (seen.has(component.of[d])) continue;
        seen.add(component.of[d]);
        pending.push(...component.members[component.of[d]]);
      }
    }
    reached.set(start, seen);
    return seen;
  };
  return (from, to) => componentsFrom(component.of[from]).has(component.of[to]);
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
