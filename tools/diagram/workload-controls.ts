import { DiagramCollector } from './collector';
import { PodGroup } from './network';
import { idOf, nodeId } from './node-ids';
import { KubeObject, labelSelectorSelects, list, record, text } from '../../model';

/**
 * Draws a HorizontalPodAutoscaler with its replica range and utilization targets, and an edge
 * to the workload it scales.
 */
export function drawAutoscaler(diagram: DiagramCollector, object: KubeObject): void {
  const spec = object.spec;
  const targets = list(spec.metrics)
    .map((m) => record(record(m).resource))
    .filter((r) => r.name !== undefined)
    .map((r) => `${text(r.name)} ${String(record(r.target).averageUtilization ?? '?')} %`);
  diagram.addNode({
    id: idOf(object),
    kind: 'HorizontalPodAutoscaler',
    namespace: object.namespace,
    heading: 'HorizontalPodAutoscaler',
    name: object.name,
    details: [
      `${String(spec.minReplicas ?? 1)}–${String(spec.maxReplicas ?? '?')} replicas`,
      ...targets.map((t) => `at ${t}`),
    ],
  });
  diagram.addEdge({
    from: idOf(object),
    to: scaleTarget(object),
    kind: 'controls',
    label: 'scales',
  });
}

/**
 * Draws a PodDisruptionBudget with its limit, and an edge to each workload of its namespace
 * whose pods it selects.
 *
 * @param groups the workloads, whose pod labels the selector is matched against
 */
export function drawDisruptionBudget(
  diagram: DiagramCollector,
  object: KubeObject,
  groups: readonly PodGroup[],
): void {
  const spec = object.spec;
  const limit =
    spec.maxUnavailable !== undefined
      ? `maxUnavailable ${String(spec.maxUnavailable)}`
      : `minAvailable ${String(spec.minAvailable ?? '?')}`;
  diagram.addNode({
    id: idOf(object),
    kind: 'PodDisruptionBudget',
    namespace: object.namespace,
    heading: 'PodDisruptionBudget',
    name: object.name,
    details: [limit],
  });
  for (const group of groups) {
    if (
      group.namespace === object.namespace &&
      labelSelectorSelects(spec.selector, group.template.labels)
    ) {
      diagram.addEdge({
        from: idOf(object),
        to: group.id,
        kind: 'controls',
        label: 'limits evictions',
      });
    }
  }
}

/** The node ids of the workloads whose replica count an autoscaler sets. */
export function autoscaledWorkloads(objects: readonly KubeObject[]): Set<string> {
  return new Set(objects.filter((o) => o.kind === 'HorizontalPodAutoscaler').map(scaleTarget));
}

/** The node id of the workload an autoscaler scales. */
function scaleTarget(autoscaler: KubeObject): string {
  const ref = record(autoscaler.spec.scaleTargetRef);
  return nodeId(text(ref.kind), autoscaler.namespace, text(ref.name));
}
