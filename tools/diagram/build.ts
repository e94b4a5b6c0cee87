import { DiagramCollector } from './collector';
import { drawClaim, drawConfigData } from './config-and-claims';
import { Diagram } from './graph';
import { drawIngress } from './ingress';
import { namespacesOf } from './namespaces';
import { PodGroup, readNetworkPolicies } from './network';
import { drawNetwork } from './network-edges';
import { idOf } from './node-ids';
import { drawService } from './service';
import { autoscaledWorkloads, drawAutoscaler, drawDisruptionBudget } from './workload-controls';
import { drawWorkload } from './workloads';
import { KubeObject, podTemplateOf } from '../../model';

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
 * (drawn as their allowances) and other kinds are left out.
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
  return {
    title,
    namespaces: namespaces.map(({ name, details }) => ({ name, details })),
    ...diagram.result(),
  };
}
