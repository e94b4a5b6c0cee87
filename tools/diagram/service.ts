import { DiagramCollector } from './collector';
import { INTERNET, externalNode } from './externals';
import { PodGroup } from './network';
import { idOf } from './node-ids';
import { containerWithPort, portNumber } from './pods';
import { KubeObject, mapSelects, records, stringMap, text } from '../../model';

/**
 * Draws a Service: its type (or headless), a route per port to each workload whose pods it
 * selects (to the container that owns the target port), and a route from the internet when it
 * is a NodePort or LoadBalancer.
 *
 * @param groups the workloads, whose pod labels the selector is matched against
 */
export function drawService(
  diagram: DiagramCollector,
  object: KubeObject,
  groups: readonly PodGroup[],
): void {
  const spec = object.spec;
  const id = idOf(object);
  const type = text(spec.type) || 'ClusterIP';
  const ports = records(spec.ports);
  const selector = stringMap(spec.selector);
  const selected = groups.filter(
    (g) =>
      g.namespace === object.namespace &&
      Object.keys(selector).length > 0 &&
      mapSelects(selector, g.template.labels),
  );
  const nodePorts = ports.filter((p) => p.nodePort !== undefined).map((p) => String(p.nodePort));
  const details = [
    spec.clusterIP === 'None'
      ? 'headless (no cluster IP)'
      : type === 'NodePort'
        ? `NodePort ${nodePorts.join(', ')}`
        : type,
    ...(selected.length === 0 ? ['selects no pods in the manifests'] : []),
  ];
  diagram.addNode({
    id,
    kind: 'Service',
    namespace: object.namespace,
    heading: 'Service',
    name: object.name,
    details,
  });
  for (const group of selected) {
    for (const port of ports) {
      const target = port.targetPort ?? port.port;
      diagram.addEdge({
        from: id,
        to: group.id,
        kind: 'route',
        label: `${String(port.port)} → ${portNumber(group.template, target)}`,
        toContainer: containerWithPort(group.template, target),
      });
    }
  }
  if (type === 'NodePort' || type === 'LoadBalancer') {
    const exposed =
      type === 'NodePort'
        ? nodePorts.map((p) => `node port ${p}`)
        : ports.map((p) => `:${String(p.port)}`);
    diagram.addNode(externalNode(INTERNET));
    diagram.addEdge({ from: INTERNET.id, to: id, kind: 'route', label: exposed.join(', ') });
  }
}
