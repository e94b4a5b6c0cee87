import { DiagramCollector } from './collector';
import { INTERNET, externalNode, ingressController } from './externals';
import { idOf, nodeId } from './node-ids';
import { KubeObject, list, record, records, text } from '../../model';

/**
 * Draws an Ingress with its URLs: routed from the internet through the ingress controller of
 * its class, routing each path to its backend Service, and using its TLS certificates' Secrets.
 */
export function drawIngress(diagram: DiagramCollector, object: KubeObject): void {
  const spec = object.spec;
  const id = idOf(object);
  const tls = records(spec.tls);
  const tlsHosts = new Set(tls.flatMap((t) => list(t.hosts)));
  const rules = records(spec.rules);
  const urls = rules.map(
    (r) => `${tlsHosts.has(r.host) ? 'https' : 'http'}://${text(r.host) || '*'}`,
  );
  diagram.addNode({
    id,
    kind: 'Ingress',
    namespace: object.namespace,
    heading: 'Ingress',
    name: object.name,
    details: [...new Set(urls)],
  });
  const className = text(spec.ingressClassName);
  const controller = ingressController(className === '' ? 'default class' : `class ${className}`);
  diagram.addNode(externalNode(controller));
  diagram.addNode(externalNode(INTERNET));
  diagram.addEdge({
    from: INTERNET.id,
    to: controller.id,
    kind: 'route',
    label: tls.length > 0 ? 'https' : 'http',
  });
  diagram.addEdge({ from: controller.id, to: id, kind: 'route', label: controller.name });
  for (const rule of rules) {
    for (const p of records(record(rule.http).paths)) {
      const service = record(record(p.backend).service);
      const port = record(service.port);
      diagram.addEdge({
        from: id,
        to: nodeId('Service', object.namespace, text(service.name)),
        kind: 'route',
        label: `${text(p.path) || '/'} → ${String(port.name ?? port.number ?? '?')}`,
      });
    }
  }
  for (const t of tls) {
    const secret = text(t.secretName);
    if (secret === '') continue;
    const target = diagram.addReferenced('Secret', object.namespace, secret);
    diagram.addEdge({ from: id, to: target, kind: 'uses', label: 'TLS certificate' });
  }
}
