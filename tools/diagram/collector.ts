import { DiagramEdge, DiagramNode, NodeKind } from './graph';
import { nodeId } from './node-ids';

/**
 * The nodes and edges of a diagram while it is built. Nodes keep the order they were first
 * added in; an edge that repeats another (same ends, same kind) only adds its label to it.
 */
export class DiagramCollector {
  private readonly nodes = new Map<string, DiagramNode>();
  private readonly edges: DiagramEdge[] = [];

  /** Adds a node, unless one with its id is there already: the first one added is kept. */
  addNode(node: DiagramNode): void {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
  }

  /** Adds a node, or replaces the one with its id (such as a placeholder) where it stands. */
  setNode(node: DiagramNode): void {
    this.nodes.set(node.id, node);
  }

  /**
   * Adds a placeholder for an object that another one refers to, marked "not in the manifests"
   * until the object itself is read and {@link setNode} replaces it.
   *
   * @returns the placeholder's node id, `Kind/namespace/name`
   */
  addReferenced(kind: NodeKind, namespace: string, name: string): string {
    const id = nodeId(kind, namespace, name);
    this.addNode({
      id,
      kind,
      namespace,
      heading: kind,
      name,
      details: ['not in the manifests'],
      missing: true,
    });
    return id;
  }

  /**
   * Adds an edge. When one of the same kind joins the same nodes already, its label is added to
   * that edge's instead (`env PGHOST, env PGPASSWORD`), once.
   */
  addEdge(edge: DiagramEdge): void {
    const index = this.edges.findIndex(
      (e) => e.from === edge.from && e.to === edge.to && e.kind === edge.kind,
    );
    if (index === -1) this.edges.push(edge);
    else if (!this.edges[index].label.split(', ').includes(edge.label)) {
      const same = this.edges[index];
      this.edges[index] = { ...same, label: `${same.label}, ${edge.label}` };
    }
  }

  /** The nodes, and the edges whose two ends are nodes. */
  result(): { nodes: DiagramNode[]; edges: DiagramEdge[] } {
    const known = new Set(this.nodes.keys());
    return {
      nodes: [...this.nodes.values()],
      edges: this.edges.filter((e) => known.has(e.from) && known.has(e.to)),
    };
  }
}
