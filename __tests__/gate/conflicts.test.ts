import { checkChanged, problems } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

/** A second copy of a document of the valid set, renamed (and moved to another namespace). */
function copyOf(doc: Doc, name: string, namespace?: string): Doc {
  const copy = structuredClone(doc);
  copy.metadata.name = name;
  if (namespace !== undefined) copy.metadata.namespace = namespace;
  return copy;
}

describe('cluster-wide conflicts', () => {
  test('fails if two Services, even in other namespaces, ask for one node port', () => {
    const report = checkChanged((get, docs) => {
      const service = get('Service', 'web');
      service.spec.type = 'NodePort';
      service.spec.ports[0].nodePort = 30080;
      docs.push({ file: 'other.yaml', doc: copyOf(service, 'web-2', 'other') });
    });
    expect(problems(report)).toContainEqual({
      rule: 'node-port-conflict',
      object: 'Service/other/web-2',
      path: 'spec.ports[0].nodePort',
      message:
        'node port 30080 is already taken by Service/shop/web: node ports are shared by the whole cluster',
    });
  });

  test('passes two Services on different node ports', () => {
    const report = checkChanged((get, docs) => {
      const service = get('Service', 'web');
      service.spec.type = 'NodePort';
      service.spec.ports[0].nodePort = 30080;
      const other = copyOf(service, 'web-2', 'other');
      other.spec.ports[0].nodePort = 30081;
      docs.push({ file: 'other.yaml', doc: other });
    });
    expect(problems(report).filter((p) => p.rule === 'node-port-conflict')).toEqual([]);
  });

  test('fails if two Ingresses of one class route the same host and path', () => {
    const report = checkChanged((get, docs) => {
      docs.push({ file: 'other.yaml', doc: copyOf(get('Ingress'), 'web-2') });
    });
    expect(problems(report)).toContainEqual({
      rule: 'ingress-path-conflict',
      object: 'Ingress/shop/web-2',
      path: 'spec.rules[0].http.paths[0].path',
      message:
        "host 'shop.example.com' and path '/' are already routed by Ingress/shop/web (IngressClass 'nginx')",
    });
  });

  test('passes Ingresses that differ in host, path or class', () => {
    const report = checkChanged((get, docs) => {
      const ingress = get('Ingress');
      const otherHost = copyOf(ingress, 'web-2');
      otherHost.spec.rules[0].host = 'api.example.com';
      const otherPath = copyOf(ingress, 'web-3');
      otherPath.spec.rules[0].http.paths[0].path = '/admin';
      const otherClass = copyOf(ingress, 'web-4');
      otherClass.spec.ingressClassName = 'traefik';
      docs.push(...[otherHost, otherPath, otherClass].map((doc) => ({ file: 'other.yaml', doc })));
    });
    expect(problems(report).filter((p) => p.rule === 'ingress-path-conflict')).toEqual([]);
  });
});
