import { DiagramCollector } from './collector';
import { drawClaim, drawConfigData } from './config-and-claims';
import { Diagram, DiagramNode } from './graph';
import { drawIngress } from './ingress';
import { namespacesOf } from './namespaces';
import { PodGroup, readNetworkPolicies } from './network';
import { drawNetwork } from './network-edges';
import { idOf } from './node-ids';
import { drawService } from './service';
import { autoscaledWorkloads, drawAutoscaler, drawDisruptionBudget } from './workload-controls';
import { drawWorkload } from './workloads';
import { KubeObject, deploySteps, podTemplateOf } from '../../model';

/** Draws one object of a kind drawn for itself, given the workloads its selectors may match. */
type ObjectDrawer = (
  diagram: DiagramCollector,
  object: KubeObject,
  groups: readonly PodGroup[],
) => void;

/** The kinds drawn for themselves; workloads are drawn from their pod templates. */
const DRAWERS: ReadonlyMap<string, ObjectDrawer> = new Map<string, ObjectDrawer>([
  ['ConfigMap', drawConfigData],
  ['Secret', drawConfigData],
  ['PersistentVolumeClaim', drawClaim],
  ['Service', drawService],
  ['Ingress', drawIngress],
  ['HorizontalPodAutoscaler', drawAutoscaler],
  ['PodDisruptionBudget', drawDisruptionBudget],
]);

/**
 * Builds the picture of a set of manifests: Ingresses route to Services, Services to the
 * workloads whose pod templates they select (down to the container that owns the port),
 * workloads use ConfigMaps, Secrets and volume claims, autoscalers and disruption budgets act on
 * workloads, and the NetworkPolicies' allowances connect workloads and the peers outside the
 * manifests (internet, ingress controller, cluster DNS). ServiceAccounts, NetworkPolicies
 * (drawn as their allowances) and other kinds are left out. Each object drawn says in which step
 * `npm run deploy` applies it (see `deploySteps`).
 *
 * @param title the caption, such as the folder or environment drawn
 */
export function buildDiagram(objects: readonly KubeObject[], title: string): Diagram {
  const namespaces = namespacesOf(objects);
  const groups: PodGroup[] = objects.flatMap((o) => {
    const template = podTemplateOf(o);
    return template === undefined ? [] : [{ id: idOf(o), namespace: o.namespace, template }];
  });
  const network = readNetworkPolicies(
    objects,
    groups,
    new Map(namespaces.map((n) => [n.name, n.labels])),
  );
  const diagram = new DiagramCollector();
  const autoscaled = autoscaledWorkloads(objects);
  for (const group of groups) {
    const isolation = network.isolation.get(group.id);
    drawWorkload(diagram, group, { isolation, autoscaled: autoscaled.has(group.id) });
  }
  for (const object of objects) DRAWERS.get(object.kind)?.(diagram, object, groups);
  drawNetwork(diagram, network);
  const { nodes, edges } = diagram.result();
  return {
    title,
    namespaces: namespaces.map(({ name, details }) => ({ name, details })),
    nodes: withDeploySteps(nodes, objects),
    edges,
  };
}

/** The nodes, each object's with a last line `deploy step 2 of 5`. */
function withDeploySteps(
  nodes: readonly DiagramNode[],
  objects: readonly KubeObject[],
): DiagramNode[] {
  const steps = deploySteps(objects);
  const stepOf = new Map(steps.flatMap((step, i) => step.map((o) => [idOf(o), i + 1])));
  return nodes.map((node) => {
    const step = stepOf.get(node.id);
    return step === undefined
      ? node
      : { ...node, details: [...node.details, `deploy step ${step} of ${steps.length}`] };
  });
}
