/** What a node of the diagram stands for; each is drawn with its own shape and color. */
export type NodeKind =
  | 'Ingress'
  | 'Service'
  | 'Workload'
  | 'ConfigMap'
  | 'Secret'
  | 'PersistentVolumeClaim'
  | 'HorizontalPodAutoscaler'
  | 'PodDisruptionBudget'
  | 'External';

/** One container of a workload's pods, in the order they start. */
export interface ContainerBox {
  /** `init` runs to completion first; `main` is the first container; `sidecar` any other. */
  readonly role: 'init' | 'main' | 'sidecar';
  /** The container's name. */
  readonly name: string;
  /** Its image. */
  readonly image: string;
  /** Its ports, as `8080/http`. */
  readonly ports: readonly string[];
}

/** One box of the diagram. */
export interface DiagramNode {
  /** A stable id: `Kind/namespace/name`, or `external/...` for what lives outside the manifests. */
  readonly id: string;
  /** What it stands for. */
  readonly kind: NodeKind;
  /** The Namespace it is drawn in; `''` for nodes outside every Namespace. */
  readonly namespace: string;
  /** The heading: the Kubernetes kind (or a role such as `ingress controller`). */
  readonly heading: string;
  /** The name under the heading. */
  readonly name: string;
  /** Short facts, one per line: replicas, schedule, type and ports. */
  readonly details: readonly string[];
  /** For workloads: the containers of its pods. */
  readonly containers?: readonly ContainerBox[];
  /** For workloads: the pod's volumes, as `name (type)`. */
  readonly volumes?: readonly string[];
  /** True when the object is referenced but not in the manifests (a Secret created by hand). */
  readonly missing?: boolean;
}

/**
 * What an edge means: `route` carries requests (Ingress to Service to pods); `network` is a
 * connection the NetworkPolicies allow; `blocked` one that one side allows and the other does
 * not; `uses` a ConfigMap, Secret or volume claim a pod reads; `controls` an autoscaler or
 * disruption budget acting on a workload.
 */
export type EdgeKind = 'route' | 'network' | 'blocked' | 'uses' | 'controls';

/** One arrow of the diagram. */
export interface DiagramEdge {
  /** The id of the node it starts at. */
  readonly from: string;
  /** The id of the node it ends at. */
  readonly to: string;
  /** What it means. */
  readonly kind: EdgeKind;
  /** Its label: ports, `env PGPASSWORD`, `scales 3–10`. */
  readonly label: string;
  /** For an edge into a workload: the index of the container it reaches. */
  readonly toContainer?: number;
}

/** A Namespace, drawn as a box around its objects. */
export interface DiagramNamespace {
  /** Its name. */
  readonly name: string;
  /** Facts shown under the name, such as the Pod Security level. */
  readonly details: readonly string[];
}

/** A picture of a set of manifests, independent of how it is drawn. */
export interface Diagram {
  /** The caption. */
  readonly title: string;
  /** The Namespaces, in order. */
  readonly namespaces: readonly DiagramNamespace[];
  /** The nodes, in a stable order. */
  readonly nodes: readonly DiagramNode[];
  /** The edges, in a stable order. */
  readonly edges: readonly DiagramEdge[];
}
