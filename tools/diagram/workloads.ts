import { DiagramCollector } from './collector';
import { Isolation, PodGroup } from './network';
import { nodeId } from './node-ids';
import { containerBoxes, volumeLabels } from './pods';
import { isolationFact, workloadFacts } from './workload-facts';
import { KubeObject, list, podReferences, record, records, text } from '../../model';

/** What the rest of the manifests say about a workload. */
export interface WorkloadContext {
  /** How NetworkPolicies isolate its pods; absent when none selects them. */
  readonly isolation?: Isolation;
  /** True when an autoscaler sets its replica count. */
  readonly autoscaled: boolean;
}

/**
 * Draws a workload as a table of its facts, containers and volumes, with an edge to each
 * ConfigMap, Secret and volume claim its pods use; a StatefulSet's claim templates become one
 * claim node each.
 */
export function drawWorkload(
  diagram: DiagramCollector,
  group: PodGroup,
  context: WorkloadContext,
): void {
  const { id, template } = group;
  const object = template.object;
  const claims = claimTemplates(object);
  diagram.addNode({
    id,
    kind: 'Workload',
    namespace: object.namespace,
    heading: object.kind,
    name: object.name,
    details: [...workloadFacts(object, context.autoscaled), isolationFact(context.isolation)],
    containers: containerBoxes(template),
    volumes: [...volumeLabels(template), ...claims.map((c) => `${c.name} (claim per pod)`)],
  });
  for (const ref of podReferences(template)) {
    if (ref.kind === 'ServiceAccount') continue;
    const target = diagram.addReferenced(ref.kind, object.namespace, ref.name);
    diagram.addEdge({ from: id, to: target, kind: 'uses', label: ref.how });
  }
  for (const claim of claims) {
    const target = nodeId(
      'PersistentVolumeClaim',
      object.namespace,
      `${claim.name}-${object.name}`,
    );
    diagram.addNode({
      id: target,
      kind: 'PersistentVolumeClaim',
      namespace: object.namespace,
      heading: 'PersistentVolumeClaim',
      name: `${claim.name}-${object.name}-0, -1, … (one per pod)`,
      details: [claim.size, claim.modes].filter((s) => s !== ''),
    });
    diagram.addEdge({ from: id, to: target, kind: 'uses', label: `volume ${claim.name}` });
  }
}

/** A StatefulSet's volume claim templates: name, requested size and access modes. */
function claimTemplates(object: KubeObject): { name: string; size: string; modes: string }[] {
  if (object.kind !== 'StatefulSet') return [];
  return records(object.spec.volumeClaimTemplates).map((t) => {
    const spec = record(t.spec);
    return {
      name: text(record(t.metadata).name),
      size: text(record(record(spec.resources).requests).storage),
      modes: list(spec.accessModes).join(', '),
    };
  });
}
