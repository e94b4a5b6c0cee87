// `npm run bench`: times whole processes (median wall time and peak memory of several runs after
// a warm-up) for the example app, generated stacks of 1 to 1000 WebApps with and without the
// manifest gate, the gate alone, `helm template` of the same stack as a Helm chart side by side,
// and baselines (Node start-up, loading cdk8s-plus-27, the stock cdk8s path); prints ratios
// against the targets of issues 7 and 17 and writes BENCHMARKS.md. The parts are in bench/:
// timing (measure.mjs), helm (helm.mjs), the targets (targets.mjs) and the report (report.mjs).
//
//   npm run bench [-- --quick] [--runs=N] [--out=FILE]
//
// Helm is optional: $HELM, else `helm` on the PATH, else node_modules/.cache/helm/helm (which
// `node scripts/fetch-helm.mjs` puts there); without it the Helm rows are left out.
//
//   --quick     one run each, no warm-up, N up to 100, no cdk8s CLI / type-checking baselines
//   --sizes=A,B stack sizes (default 1,10,100,1000; 1,10,100 with --quick)
//   --runs=N    timed runs per command (default 5; 3 for commands that take over 2 s)
//   --out=FILE  where to write the results (default BENCHMARKS.md; also BENCH_OUT)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHART, stackValues } from './bench-helm/values.mjs';
import { findHelm, helmEnv, helmTable, versusHelm } from './bench/helm.mjs';
import { createTimer } from './bench/measure.mjs';
import { writeReport } from './bench/report.mjs';
import { targets } from './bench/targets.mjs';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const QUICK = args.includes('--quick');
const RUNS = Number(option('runs') ?? (QUICK ? 1 : 5));
const WARMUPS = QUICK ? 0 : 1;
const OUT = path.resolve(ROOT, option('out') ?? process.env.BENCH_OUT ?? 'BENCHMARKS.md');
const SIZES = (option('sizes')?.split(',') ?? (QUICK ? [1, 10, 100] : [1, 10, 100, 1000]))
  .map(Number)
  .sort((a, b) => a - b);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-webapp-bench-'));
const NPX = ['npx', '--no-install'];
const HELM_ENV = helmEnv(tmp);
const { results, measure, measureSideBySide } = createTimer({
  cwd: ROOT,
  tmp,
  runs: RUNS,
  warmups: WARMUPS,
  runsGiven: option('runs') !== undefined,
});
/** A command or path as the tables show it: the temporary folder as $TMP, the project's relative. */
const shown = (s) => s.replaceAll(tmp, '$TMP').replaceAll(`${ROOT}${path.sep}`, '');
const fresh = (name) => () => fs.rmSync(path.join(tmp, name), { recursive: true, force: true });

// ---- the measurements ------------------------------------------------------------------------

console.log(`bench${QUICK ? ' --quick' : ''}: ${RUNS} run(s) after ${WARMUPS} warm-up(s)`);
const HELM = findHelm(ROOT, HELM_ENV);
if (HELM) console.log(`helm ${HELM.version} (${shown(HELM.file)})`);
console.log('');
console.log(`${'what'.padEnd(46)} ${'wall'.padStart(9)}  ${'peak RSS'.padStart(9)}`);

measure('baseline', 'node -e 0 (Node start-up)', ['node', '-e', '0']);
const floor = measure('baseline', "require('cdk8s-plus-27') (the floor)", [
  'node',
  '-e',
  "require('cdk8s-plus-27')",
]);

const example = (label, command, extra = {}) =>
  measure('example', label, command, {
    env: { CDK8S_OUTDIR: path.join(tmp, 'example') },
    ...extra,
  });
const npmSynth = example('npm run synth', ['npm', 'run', 'synth']);
// npm's own start-up around any script: `npm run env` runs `env`, which takes no time.
const npmItself = measure('baseline', 'npm run env (npm start-up around a script)', [
  'npm',
  'run',
  '--silent',
  'env',
]);
const runTs = example('node scripts/run-ts.mjs main.ts', ['node', 'scripts/run-ts.mjs', 'main.ts']);
if (!QUICK) {
  example('node scripts/run-ts.mjs main.ts --skip-check', [
    ...['node', 'scripts/run-ts.mjs', 'main.ts', '--skip-check'],
  ]);
}

let stock;
let ourCli;
let typeCheck;
if (!QUICK) {
  const cli = (app) => [...NPX, 'cdk8s', 'synth', '--no-check-upgrade', '--app', app, '--output'];
  const exampleOut = path.join(tmp, 'cli');
  stock = measure(
    'stock',
    'stock: cdk8s synth, app ts-node main.ts (emulated)',
    [...cli('node scripts/bench-ts-node.mjs main.ts'), exampleOut],
    {
      note: "ts-node is not installed: scripts/bench-ts-node.mjs does what `ts-node main.ts` does (type-check main.ts and its imports with the tsconfig, compile each .ts on require, run in one process) with the project's TypeScript; the `npx` layer of the stock `app: npx ts-node main.ts` (~0.5 s) and the CLI's upgrade check are left out, so the real stock path is slower",
    },
  );
  ourCli = measure(
    'stock',
    'npx cdk8s synth (our cdk8s.yaml: run-ts.mjs)',
    [...NPX, 'cdk8s', 'synth', '--no-check-upgrade', '--output', exampleOut],
    { note: 'the cdk8s CLI start-up around our own program' },
  );
  typeCheck = measure(
    'stock',
    'npx tsc --noEmit -p . && node .build/main.js',
    ['sh', '-c', 'npx --no-install tsc --noEmit -p . && node .build/main.js'],
    {
      env: { CDK8S_OUTDIR: path.join(tmp, 'example') },
      note: 'type-checking the whole project (tests included) on every synth, then the bundled program',
    },
  );
}

const stacks = {};
for (const n of SIZES) {
  const out = path.join(tmp, `stack-${n}`);
  const command = ['node', 'scripts/run-ts.mjs', 'scripts/bench-stack.ts', String(n), out];
  const gate = {
    group: 'stack',
    label: `${n} WebApps, synth + gate`,
    command,
    prepare: fresh(`stack-${n}`),
  };
  stacks[n] = {};
  if (HELM) {
    // The chart renders all N apps itself from a values file that lists the teams and apps.
    const values = path.join(tmp, `helm-values-${n}.yaml`);
    const rendered = path.join(tmp, `helm-${n}.yaml`);
    fs.writeFileSync(values, stackValues(n));
    [stacks[n].gate, stacks[n].helm] = measureSideBySide([
      gate,
      {
        group: 'helm',
        label: `${n} WebApps, helm template`,
        command: [HELM.file, 'template', 'bench', CHART, '--values', values],
        env: HELM_ENV,
        stdout: rendered,
      },
    ]);
    stacks[n].helmObjects = (fs.readFileSync(rendered, 'utf8').match(/^kind: /gm) ?? []).length;
  } else {
    stacks[n].gate = measureSideBySide([gate])[0];
  }
  stacks[n].bare = measure(
    'stack',
    `${n} WebApps, synth --skip-check`,
    [...command, '--skip-check'],
    {
      prepare: fresh(`stack-${n}`),
    },
  );
  stacks[n].check = measure('gate', `${n} WebApps, npm run check (gate alone)`, [
    'npm',
    'run',
    'check',
    '--',
    out,
  ]);
  stacks[n].documents = countDocuments(out);
}

/** The manifests of an output folder (not the synthesis' own files, such as its checksum). */
function countDocuments(dir) {
  const files = fs.readdirSync(dir).filter((file) => file.endsWith('.yaml'));
  let documents = 0;
  let bytes = 0;
  for (const file of files) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    documents += text.split(/^---$/m).length;
    bytes += text.length;
  }
  return { files: files.length, documents, bytes };
}

// ---- this project vs helm template -----------------------------------------------------------

const versus = HELM ? versusHelm(SIZES, stacks) : [];
const table = helmTable(versus);
if (HELM) {
  console.log(`\nthis project vs helm template (${HELM.version}, interleaved runs)`);
  const widths = table.header.map((h, i) =>
    Math.max(h.length, ...table.rows.map((r) => String(r[i]).length)),
  );
  for (const cells of [table.header, ...table.rows]) {
    console.log(`  ${cells.map((c, i) => String(c).padStart(widths[i])).join('  ')}`);
  }
}

// ---- ratios and targets ----------------------------------------------------------------------

const checks = targets({
  sizes: SIZES,
  m: { floor, npmSynth, npmItself, runTs, stock, ourCli, typeCheck },
  stacks,
  versus,
  helmFound: HELM !== undefined,
});
console.log('\nratios and targets');
for (const c of checks) {
  const verdict = c.ok === undefined ? '' : c.ok ? 'met' : 'MISSED';
  console.log(
    `  ${c.name.padEnd(52)} ${String(c.value).padStart(10)}  ${c.goal.padEnd(16)} ${verdict}`,
  );
}

writeReport(OUT, {
  root: ROOT,
  quick: QUICK,
  runs: RUNS,
  warmups: WARMUPS,
  helm: HELM,
  shown,
  results,
  sizes: SIZES,
  stacks,
  table,
  checks,
});
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`\nwrote ${path.relative(process.cwd(), OUT) || OUT}`);
