import { checkChanged, problems } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

const annotate = (doc: Doc, key: string, value: string) => {
  doc.metadata.annotations = { ...doc.metadata.annotations, [key]: value };
};
const DEPENDS_ON = 'config.kubernetes.io/depends-on';
const PATH = `metadata.annotations.${DEPENDS_ON}`;

describe('deploy-order annotations', () => {
  test('pass when well formed, also when they name objects of the cluster', () => {
    const report = checkChanged((get) => {
      annotate(get('Deployment'), DEPENDS_ON, '/namespaces/shop/Service/web, /Namespace/elsewhere');
      annotate(get('Deployment'), 'argocd.argoproj.io/sync-wave', '-2');
    });
    expect(problems(report)).toEqual([]);
  });

  test.each([
    [
      'a sync wave that is not an integer',
      (get: (kind: string, name?: string) => Doc) =>
        annotate(get('Service', 'web'), 'argocd.argoproj.io/sync-wave', '1.5'),
      {
        rule: 'sync-wave',
        object: 'Service/shop/web',
        path: 'metadata.annotations.argocd.argoproj.io/sync-wave',
        message: "must be an integer, got '1.5'",
      },
    ],
    [
      'a reference of neither form',
      (get: (kind: string, name?: string) => Doc) =>
        annotate(get('Service', 'web'), DEPENDS_ON, 'Deployment/web'),
      {
        rule: 'depends-on',
        object: 'Service/shop/web',
        path: PATH,
        message:
          "'Deployment/web' is not an object reference: <group>/namespaces/<namespace>/<kind>/<name> or <group>/<kind>/<name>",
      },
    ],
    [
      'an object that depends on itself',
      (get: (kind: string, name?: string) => Doc) =>
        annotate(get('Service', 'web'), DEPENDS_ON, '/namespaces/shop/Service/web'),
      {
        rule: 'depends-on',
        object: 'Service/shop/web',
        path: PATH,
        message: 'an object cannot depend on itself',
      },
    ],
  ])('fail on %s', (_, change, finding) => {
    expect(problems(checkChanged(change))).toEqual([finding]);
  });

  test('fail on a cycle, on each object of it', () => {
    const report = checkChanged((get) => {
      annotate(get('Service', 'web'), DEPENDS_ON, 'apps/namespaces/shop/Deployment/web');
      annotate(get('Deployment'), DEPENDS_ON, '/namespaces/shop/Service/web');
    });
    expect(problems(report).map((p) => [p.object, p.message])).toEqual([
      ['Deployment/shop/web', 'depends on Service shop/web, which depends on it in turn (a cycle)'],
      ['Service/shop/web', 'depends on Deployment shop/web, which depends on it in turn (a cycle)'],
    ]);
  });
});
