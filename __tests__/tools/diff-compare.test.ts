import * as path from 'path';
import { compare } from '../../tools/diff/compare';
import { diffFields } from '../../tools/diff/fields';
import { formatChanges } from '../../tools/diff/format';
import { Change } from '../../tools/diff/types';
import { loadObjects } from '../../tools/manifests';
import { deployOrderChange } from '../../tools/diff/deploy-order';
import { parseObjects } from '../../tools/manifests';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

/** The fixture app's manifests, freshly parsed so each test may edit its own copy. */
function app(): Doc[] {
  return loadObjects(path.join(__dirname, 'fixtures', 'app')).map((o) => o.raw);
}

function find(docs: Doc[], kind: string, name: string): Doc {
  const doc = docs.find((d) => d.kind === kind && d.metadata.name === name);
  if (doc === undefined) throw new Error(`no ${kind} ${name}`);
  return doc;
}

/** The changes after `edit` changed a copy of the fixture app. */
function changesAfter(edit: (docs: Doc[]) => void): Change[] {
  const after = app();
  edit(after);
  return compare(app(), after);
}

const codes = (change: Change): string[] => change.flags.map((f) => `${f.severity} ${f.code}`);

describe('compare', () => {
  test('finds no change between equal manifests, whatever the key order', () => {
    const reordered = app().map((d: Doc) => Object.fromEntries(Object.entries(d).reverse()));
    expect(compare(app(), reordered)).toEqual([]);
  });

  test('lists exactly the changed field, naming list items by name', () => {
    const changes = changesAfter((docs) => {
      find(docs, 'Deployment', 'web').spec.template.spec.containers[0].image = 'nginx:1.27.3';
    });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      type: 'changed',
      id: { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' },
      fields: [
        {
          path: 'spec.template.spec.containers[web].image',
          type: 'changed',
          before: 'nginx:1.27.2',
          after: 'nginx:1.27.3',
        },
      ],
    });
    expect(codes(changes[0])).toEqual(['notice rollout']);
  });

  test('lists added and removed objects', () => {
    const changes = changesAfter((docs) => {
      docs.splice(docs.indexOf(find(docs, 'PodDisruptionBudget', 'web')), 1);
      docs.push({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'extra', namespace: 'shop' },
      });
    });
    expect(changes.map((c) => `${c.type} ${c.id.kind} ${c.id.name}`)).toEqual([
      'added ConfigMap extra',
      'removed PodDisruptionBudget web',
    ]);
  });

  test('flags a changed Deployment selector: apply would fail', () => {
    const changes = changesAfter((docs) => {
      find(docs, 'Deployment', 'web').spec.selector.matchLabels['app.kubernetes.io/component'] =
        'x';
      find(docs, 'Deployment', 'web').spec.template.metadata.labels['app.kubernetes.io/component'] =
        'x';
    });
    expect(changes).toHaveLength(1);
    expect(changes[0].flags[0]).toEqual({
      severity: 'error',
      code: 'apply-fails',
      message:
        'apply would fail: Deployment spec.selector is immutable; delete the Deployment first',
    });
  });

  test('flags immutable StatefulSet fields, and a removed claim template as data loss', () => {
    const changes = changesAfter((docs) => {
      const db = find(docs, 'StatefulSet', 'db');
      db.spec.serviceName = 'db-headless';
      db.spec.volumeClaimTemplates = [];
    });
    expect(codes(changes[0])).toEqual([
      'error apply-fails',
      'error apply-fails',
      'warning data-loss',
    ]);
    expect(changes[0].flags[2].message).toBe(
      "data loss: volumeClaimTemplate 'data' is removed, and with it the pods' data on it",
    );
  });

  test('flags a changed Job template: apply would fail', () => {
    const before = [
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'm' },
        spec: { template: { spec: { containers: [{ name: 'm', image: 'a' }] } } },
      },
    ];
    const after = structuredClone(before);
    after[0].spec.template.spec.containers[0].image = 'b';
    expect(codes(compare(before, after)[0])).toEqual(['error apply-fails']);
  });

  test('flags a Service type change, a switch to ExternalName and moved traffic', () => {
    const changes = changesAfter((docs) => {
      const web = find(docs, 'Service', 'web');
      web.spec.type = 'ClusterIP';
      delete web.spec.ports[0].nodePort;
      web.spec.selector['app.kubernetes.io/name'] = 'web-green';
      find(docs, 'Service', 'db').spec.type = 'ExternalName';
    });
    expect(changes.map(codes)).toEqual([
      ['error apply-fails', 'warning service-type'],
      ['warning service-type', 'notice traffic'],
    ]);
    expect(changes[1].flags[0].message).toBe(
      'Service type changes from NodePort to ClusterIP; the node port closes',
    );
  });

  test('takes an object removed and a look-alike added as a rename: delete and create', () => {
    const changes = changesAfter((docs) => {
      const web = find(docs, 'Deployment', 'web');
      web.metadata.name = 'storefront';
    });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      type: 'renamed',
      from: { kind: 'Deployment', name: 'web' },
      id: { kind: 'Deployment', name: 'storefront' },
      fields: [{ path: 'metadata.name', before: 'web', after: 'storefront' }],
    });
    expect(codes(changes[0])).toEqual(['warning delete-and-create']);
  });

  test('warns of data loss when a PersistentVolumeClaim or Namespace is removed', () => {
    const pvc = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'd', namespace: 'shop' },
    };
    expect(codes(compare([pvc], [])[0])).toEqual(['warning data-loss', 'notice pruned']);
    const changes = changesAfter((docs) =>
      docs.splice(docs.indexOf(find(docs, 'Namespace', 'shop')), 1),
    );
    expect(codes(changes[0])).toEqual(['warning data-loss', 'notice pruned']);
  });

  test('says that npm run deploy deletes every object that is no longer there', () => {
    const config = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'shop' },
    };
    expect(compare([config], [])[0].flags).toEqual([
      {
        severity: 'notice',
        code: 'pruned',
        message: 'npm run deploy deletes it (pruning); kubectl apply -f alone leaves it running',
      },
    ]);
  });
});

describe('diffFields', () => {
  test('matches list items by name, by metadata.name, else by index; scalar lists as a whole', () => {
    expect(
      diffFields(
        {
          env: [
            { name: 'A', value: '1' },
            { name: 'B', value: '2' },
          ],
          args: ['x'],
          ports: [{ port: 1 }],
        },
        { env: [{ name: 'B', value: '3' }], args: ['y'], ports: [{ port: 2 }] },
      ),
    ).toEqual([
      { path: 'args', type: 'changed', before: ['x'], after: ['y'] },
      { path: 'env[A]', type: 'removed', before: { name: 'A', value: '1' } },
      { path: 'env[B].value', type: 'changed', before: '2', after: '3' },
      { path: 'ports[0].port', type: 'changed', before: 1, after: 2 },
    ]);
    expect(
      diffFields(
        { t: [{ metadata: { name: 'data' }, size: 1 }] },
        { t: [{ metadata: { name: 'data' }, size: 2 }] },
      ),
    ).toEqual([{ path: 't[data].size', type: 'changed', before: 1, after: 2 }]);
  });
});

describe('formatChanges', () => {
  test('prints one line per field, the consequences, and a summary; plain without color', () => {
    const changes = changesAfter((docs) => {
      find(docs, 'Deployment', 'web').spec.template.spec.containers[0].image = 'nginx:1.27.3';
      find(docs, 'ConfigMap', 'site').data['index.html'] = '<h1>Shop</h1>\n<p>Hello</p>\n';
    });
    expect(
      formatChanges(changes, { names: { before: 'dist/', after: 'the app' } }).split('\n'),
    ).toEqual([
      '~ ConfigMap shop/site',
      '    data["index.html"]:',
      '      - <p>Welcome</p>',
      '      + <p>Hello</p>',
      '~ Deployment shop/web',
      '    spec.template.spec.containers[web].image: nginx:1.27.2 → nginx:1.27.3',
      '    note: rollout: the pod template changed, so the pods are replaced (rolling update)',
      '2 objects differ between dist/ and the app: 2 changed; 0 errors, 0 warnings',
    ]);
  });

  test('colors with ANSI escapes when asked', () => {
    const changes = changesAfter((docs) => docs.pop());
    expect(formatChanges(changes, { color: true })).toContain(
      '\u001b[31m\u001b[1m- NetworkPolicy shop/web\u001b[22m\u001b[39m',
    );
  });

  test('says so when nothing changed', () => {
    expect(formatChanges([], { names: { before: 'dist/', after: 'the app' }, objects: 3 })).toBe(
      'no changes: the app is the same as dist/ (3 objects)',
    );
  });
});

describe('deployOrderChange', () => {
  const objects = (yaml: string) => parseObjects(new Map([['x.yaml', yaml]]));
  const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n';
  const CONFIG = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cfg, namespace: shop }\n';
  const web = (volume: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec: { template: { spec: { containers: [{ name: web }]${volume} } } }\n`;

  test('lists the new steps when an object moves to another step', () => {
    const before = objects([NAMESPACE, CONFIG, web('')].join('---\n'));
    const after = objects(
      [NAMESPACE, CONFIG, web(', volumes: [{ name: c, configMap: { name: cfg } }]')].join('---\n'),
    );
    expect(deployOrderChange(before, after)).toEqual([
      'deploy order: 3 steps (was 2)',
      '    step 1: Namespace shop',
      '    step 2: ConfigMap cfg',
      '    step 3: Deployment web',
    ]);
  });

  test('says nothing when the order is the same', () => {
    const both = objects([NAMESPACE, CONFIG].join('---\n'));
    expect(deployOrderChange(both, both)).toEqual([]);
  });
});
