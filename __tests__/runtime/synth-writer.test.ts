import { ApiObject, App, Chart, Testing, Yaml, YamlOutputType } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
import fc from 'fast-check';
import * as path from 'path';
import { ENVIRONMENTS } from '../../app/environments';
import { buildStockTrader } from '../../app/stock-trader';
import * as k8s from '../../imports/k8s';
import { WebApp } from '../../src';
import { DeployGraph } from '../../runtime';
import { writeManifests } from '../../runtime/synth-writer';
import { stringifyYaml } from '../../runtime/yaml';
import { snapshotDir, tempDir } from '../support/files';

/**
 * What `App.synth()` writes, after `DeployGraph.annotate()`, and what `writeManifests` writes for
 * the same app: file name to text.
 */
function bothWays(
  build: (app: App) => void,
  props: Partial<ConstructorParameters<typeof App>[0]> = {},
) {
  const write = (synth: (app: App) => void) => {
    const outdir = path.join(tempDir(), 'dist');
    const app = new App({ ...props, outdir });
    build(app);
    synth(app);
    return snapshotDir(outdir);
  };
  const annotated = (app: App) => {
    DeployGraph.of(app).annotate();
    app.synth();
  };
  return { cdk8s: write(annotated), ours: write((app) => writeManifests(app)) };
}

function configMap(scope: Chart, id: string): ApiObject {
  return new k8s.KubeConfigMap(scope, id, { metadata: { name: id.toLowerCase() } });
}

describe('writeManifests', () => {
  test.each(Object.keys(ENVIRONMENTS))('writes the example (%s) as App.synth() does', (name) => {
    const { cdk8s, ours } = bothWays((app) => buildStockTrader(app, ENVIRONMENTS[name]));
    expect(Object.keys(ours)).toEqual([
      '0000-namespace.k8s.yaml',
      '0001-database.k8s.yaml',
      '0002-batch.k8s.yaml',
      '0003-api.k8s.yaml',
      '0004-web.k8s.yaml',
    ]);
    expect(ours).toEqual(cdk8s);
  });

  test('names files without an index when no chart depends on another', () => {
    const { cdk8s, ours } = bothWays((app) => {
      configMap(new Chart(app, 'b'), 'B');
      configMap(new Chart(app, 'a'), 'A');
    });
    expect(Object.keys(ours).sort()).toEqual(['a.k8s.yaml', 'b.k8s.yaml']);
    expect(ours).toEqual(cdk8s);
  });

  test('orders charts and objects as App.synth() does: chains, nested charts, object dependencies', () => {
    const { cdk8s, ours } = bothWays((app) => {
      const base = new Chart(app, 'base');
      const [x, y, z] = ['X', 'Y', 'Z'].map((id) => configMap(base, id));
      x.node.addDependency(z);
      z.node.addDependency(y);
      const mid = new Chart(app, 'mid');
      configMap(mid, 'M');
      const nested = new Chart(mid, 'nested');
      configMap(nested, 'N');
      const top = new Chart(app, '1top');
      configMap(top, 'T');
      top.addDependency(mid);
      mid.addDependency(base);
      new Chart(app, 'lonely');
    });
    expect(ours).toEqual(cdk8s);
  });

  test("falls back to App.synth()'s own sorting when an object depends on a chart", () => {
    const { cdk8s, ours } = bothWays((app) => {
      const a = new Chart(app, 'a');
      const b = new Chart(app, 'b');
      configMap(b, 'B');
      configMap(a, 'A').node.addDependency(b);
    });
    expect(Object.keys(ours)).toEqual(['0000-b.k8s.yaml', '0001-a.k8s.yaml']);
    expect(ours).toEqual(cdk8s);
  });

  test('leaves other output types to App.synth()', () => {
    const build = (app: App) => configMap(new Chart(app, 'c'), 'C');
    const { cdk8s, ours } = bothWays(build, { yamlOutputType: YamlOutputType.FILE_PER_RESOURCE });
    expect(Object.keys(ours)).toEqual(['ConfigMap.c.k8s.yaml']);
    expect(ours).toEqual(cdk8s);
  });

  test('returns what it wrote, file by file, whether it wrote it or App.synth() did', () => {
    for (const yamlOutputType of [
      YamlOutputType.FILE_PER_CHART,
      YamlOutputType.FILE_PER_RESOURCE,
    ]) {
      const app = new App({ outdir: tempDir(), yamlOutputType });
      configMap(new Chart(app, 'c'), 'C');
      const file =
        yamlOutputType === YamlOutputType.FILE_PER_CHART ? 'c.k8s.yaml' : 'ConfigMap.c.k8s.yaml';
      const metadata = { annotations: { 'argocd.argoproj.io/sync-wave': '0' }, name: 'c' };
      expect(writeManifests(app)).toEqual([
        { file, doc: { apiVersion: 'v1', kind: 'ConfigMap', metadata } },
      ]);
    }
  });

  test('fails as App.synth() does when a construct is invalid', () => {
    const app = Testing.app({ outdir: tempDir() });
    const chart = new Chart(app, 'c');
    chart.node.addValidation({ validate: () => ['broken'] });
    expect(() => writeManifests(app)).toThrow(
      'Validation failed with the following errors:\n  [c] broken',
    );
  });

  test('fails on a dependency cycle between charts', () => {
    const app = Testing.app({ outdir: tempDir() });
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    a.addDependency(b);
    b.addDependency(a);
    expect(() => writeManifests(app)).toThrow(/Dependency cycle detected/);
  });

  test('writes many WebApps, one chart each, as App.synth() does', () => {
    const { cdk8s, ours } = bothWays((app) => {
      const ns = new Chart(app, 'ns');
      for (let i = 0; i < 5; i++) {
        const chart = new Chart(app, `team-${i}`, { namespace: `team-${i}` });
        chart.addDependency(ns);
        configMap(ns, `NS${i}`);
        new WebApp(chart, 'web', { image: 'nginx:1.27.2', replicas: 2 });
      }
    });
    expect(ours).toEqual(cdk8s);
  });
});

/** Strings that stress YAML: keywords, numbers, indicators, quotes, spaces, line breaks, unicode. */
const tricky = fc.oneof(
  fc.constantFrom(
    '',
    'y',
    'No',
    'ON',
    'null',
    '~',
    '0755',
    '1e3',
    'E0',
    'e-1',
    '1_000',
    '12:30',
    '0x1F',
    '.inf',
    '2024-01-02',
    '- a',
    'a: b',
    'a #b',
    '@x',
    '*x',
    '&x',
    '!x',
    '%x',
    '`x',
    '"x"',
    "'x'",
    '--- a',
    '... a',
    '<<',
    'a\nb',
    'a\n',
    ' a',
    'a ',
    '\t',
    'é',
    '{a}',
    '[a]',
    'a,b',
    '?',
    '?a',
    '-',
    '-1',
    '+1',
    '1.0',
    'v1',
    '250m',
    '64Mi',
  ),
  fc.string({ unit: fc.constantFrom(...'aZ09-._/: #\'"\n{}[],&*!|>%@`?~ '), maxLength: 8 }),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: fc.constantFrom(...'aeEnNoOyYfFtTrRuUlLsS019-._/'), maxLength: 6 }),
);
/** The scalars of JSON, which is all a manifest holds. */
const scalar = fc.oneof(
  tricky,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.oneof(
  { arbitrary: fc.constantFrom('name', 'app.kubernetes.io/name', 'x'), weight: 3 },
  tricky,
);
/** A manifest's top-level keys are the fields of its schema (the gate refuses any other). */
const field = fc.constantFrom('apiVersion', 'kind', 'metadata', 'spec', 'data', 'stringData');
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
  ),
}));

/** What the yaml package's YAML 1.1 schema reads a string as when it stands plain, if anything. */
function plainScalar(text: string): unknown {
  try {
    return parse(text, { version: '1.1' });
  } catch {
    return undefined;
  }
}

/**
 * Whether a value holds a string that the yaml package's YAML 1.1 schema reads as a float though
 * it is no number at all (`.`, `e-1`): kubectl's go-yaml and PyYAML read those as strings, and
 * js-yaml, rightly, leaves them plain.
 */
function hasNonNumberFloat(value: unknown): boolean {
  if (typeof value === 'string') {
    return typeof plainScalar(value) === 'number' && Number.isNaN(Number(value.replace(/_/g, '')));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => hasNonNumberFloat(k) || hasNonNumberFloat(v));
  }
  return false;
}

describe('stringifyYaml', () => {
  test('writes YAML that reads back as the same data, under YAML 1.1 (kubectl) and 1.2', () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(field, tree, { maxKeys: 6 }), { maxLength: 3 }),
        (docs) => {
          // Documents with a line break go to Yaml.stringify, tested below.
          fc.pre(!hasNonNumberFloat(docs) && !JSON.stringify(docs).includes('\\n'));
          const text = stringifyYaml(docs);
          for (const version of ['1.1', '1.2'] as const) {
            const read = parseAllDocuments(text, { version }).map((d) => d.toJS());
            expect(read).toEqual(JSON.parse(JSON.stringify(docs)));
          }
        },
      ),
      {
        seed: Number(process.env.FC_SEED ?? 20250609),
        numRuns: Number(process.env.FC_RUNS ?? 1000),
      },
    );
  });

  test('hands a document with a multi-line string to Yaml.stringify', () => {
    const doc = { kind: 'ConfigMap', data: { 'run.sh': 'echo hi\n  ', 'a.txt': ' a\n ' } };
    expect(stringifyYaml([doc, { kind: 'Namespace' }])).toBe(
      Yaml.stringify(doc, { kind: 'Namespace' }),
    );
  });

  test('writes manifests exactly as Yaml.stringify does', () => {
    const app = Testing.app();
    buildStockTrader(app, ENVIRONMENTS.production);
    const docs = app.charts.flatMap((chart) => Testing.synth(chart));
    expect(stringifyYaml(docs)).toBe(Yaml.stringify(...docs));
  });
});
