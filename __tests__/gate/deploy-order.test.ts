import { checkChanged, problems } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

const annotate = (doc: Doc, key: string, value: string) => {
  doc.metadata.annotations = { ...doc.metadata.annotations, [key]: value };
};
const DEPENDS_ON = 'config.kubernetes.io/depends-on';
const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
const PATH = `metadata.annotations.${DEPENDS_ON}`;

describe('deploy-order annotations', () => {
  test('pass when well formed, also when they name objects of the cluster', () => {
    const report = checkChanged((get) => {
      annotate(get('Deployment'), DEPENDS_ON, '/namespaces/shop/Service/web, /Namespace/elsewhere');
      annotate(get('Deployment'), SYNC_WAVE, '2');
    });
    expect(problems(report)).toEqual([]);
  });

  test.each([
    [
      'a sync wave that is not an integer',
      (get: (kind: string, name?: string) => Doc) =>
        annotate(get('Service', 'web'), SYNC_WAVE, '1.5'),
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

  test('pass when an object depends on one in the same or an earlier sync wave', () => {
    const report = checkChanged((get) => {
      annotate(get('Service', 'web'), DEPENDS_ON, 'apps/namespaces/shop/Deployment/web');
      annotate(get('Service', 'web'), SYNC_WAVE, '3');
      annotate(get('Deployment'), SYNC_WAVE, '3');
      annotate(get('Deployment'), DEPENDS_ON, '/Namespace/shop');
      annotate(get('Namespace'), SYNC_WAVE, '-1');
    });
    expect(problems(report)).toEqual([]);
  });

  test('fail on an object that depends on one in a later sync wave, the default wave being 0', () => {
    const report = checkChanged((get) => {
      annotate(get('Service', 'web'), DEPENDS_ON, 'apps/namespaces/shop/Deployment/web');
      annotate(get('Deployment'), SYNC_WAVE, '2');
    });
    expect(problems(report)).toEqual([
      {
        rule: 'depends-on',
        object: 'Service/shop/web',
        path: PATH,
        message: 'depends on Deployment shop/web, which is in a later sync wave (2)',
      },
    ]);
  });

  test('fail on a malformed sync wave alone, not on the order it would make', () => {
    const report = checkChanged((get) => {
      annotate(get('Service', 'web'), DEPENDS_ON, 'apps/namespaces/shop/Deployment/web');
      annotate(get('Service', 'web'), SYNC_WAVE, 'first');
      annotate(get('Deployment'), SYNC_WAVE, '2');
    });
    expect(problems(report).map((p) => p.rule)).toEqual(['sync-wave']);
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
