// `npm run bench`: times whole processes (median wall time and peak memory of several runs after
// a warm-up) for the example app, generated stacks of 1 to 1000 WebApps with and without the
// manifest gate, the gate alone, and baselines (Node start-up, loading cdk8s-plus-27, the stock
// cdk8s path); prints ratios against the targets of issue 7 and writes BENCHMARKS.md.
//
//   npm run bench [-- --quick] [--runs=N] [--out=FILE]
//
//   --quick     one run each, no warm-up, N up to 100, no cdk8s CLI / type-checking baselines
//   --sizes=A,B stack sizes (default 1,10,100,1000; 1,10,100 with --quick)
//   --runs=N    timed runs per command (default 5; 3 for commands that take over 2 s)
//   --out=FILE  where to write the results (default BENCHMARKS.md; also BENCH_OUT)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
 */
function runOnce(command, env) {
  const [file, ...rest] = TIME ? [TIME, '-f', '%M', '-o', rssFile, ...command] : command;
  const childEnv = { ...process.env, ...env };
  if (!TIME) childEnv.NODE_OPTIONS = `--require ${RSS_HOOK} ${childEnv.NODE_OPTIONS ?? ''}`;
  fs.rmSync(rssFile, { force: true });
  const start = process.hrtime.bigint();
  const result = spawnSync(file, rest, { cwd: ROOT, env: childEnv, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    throw new Error(
      `bench: '${command.join(' ')}' exited with ${result.status}\n${result.stdout}${result.stderr}`,
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
function measure(group, label, command, { env = {}, note = '', runs, prepare } = {}) {
  const samples = [];
  for (let i = 0; i < WARMUPS; i++) {
    prepare?.();
    runOnce(command, env);
  }
  let wanted = runs ?? RUNS;
  while (samples.length < wanted) {
    prepare?.();
    samples.push(runOnce(command, env));
    // Commands over 2 s get 3 runs, unless --runs or the caller says otherwise.
    if (samples.length === 1 && runs === undefined && option('runs') === undefined) {
      if (samples[0].wall > 2000) wanted = Math.min(wanted, 3);
    }
  }
  const walls = samples.map((s) => s.wall);
  const result = {
    group,
    label,
    command: command.join(' '),
    note,
    runs: samples.length,
    wall: median(walls),
    min: Math.min(...walls),
    max: Math.max(...walls),
    rss: median(samples.map((s) => s.rss)),
  };
  results.push(result);
  console.log(
    `${label.padEnd(46)} ${ms(result.wall).padStart(9)}  ${mib(result.rss).padStart(9)}  (${result.runs} runs)`,
  );
  return result;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ms = (v) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`);
const mib = (v) => (v > 0 ? `${Math.round(v / MIB)} MiB` : 'n/a');
const fresh = (name) => () => fs.rmSync(path.join(tmp, name), { recursive: true, force: true });

// ---- the measurements ------------------------------------------------------------------------

console.log(`bench${QUICK ? ' --quick' : ''}: ${RUNS} run(s) after ${WARMUPS} warm-up(s)\n`);
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
// --quick keeps the two ends; the full run also isolates the bundling's and the gate's share.
const runTs = QUICK
  ? undefined
  : example('node scripts/run-ts.mjs main.ts', ['node', 'scripts/run-ts.mjs', 'main.ts']);
const bundled = example('node .build/main.js (pre-bundled)', ['node', '.build/main.js']);
if (!QUICK) {
  example('node .build/main.js --skip-check', ['node', '.build/main.js', '--skip-check']);
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
  stacks[n] = {
    gate: measure('stack', `${n} WebApps, synth + gate`, command, { prepare: fresh(`stack-${n}`) }),
    bare: measure('stack', `${n} WebApps, synth --skip-check`, [...command, '--skip-check'], {
      prepare: fresh(`stack-${n}`),
    }),
  };
  stacks[n].check = measure('gate', `${n} WebApps, npm run check (gate alone)`, [
    'npm',
    'run',
    'check',
    '--',
    out,
  ]);
  stacks[n].documents = countDocuments(out);
}

function countDocuments(dir) {
  let documents = 0;
  let bytes = 0;
  for (const file of fs.readdirSync(dir)) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    documents += text.split(/^---$/m).length;
    bytes += text.length;
  }
  return { files: fs.readdirSync(dir).length, documents, bytes };
}

// ---- ratios and targets ----------------------------------------------------------------------

const [before, mid, large] = [SIZES[0], SIZES.at(-2), SIZES.at(-1)];
const checks = [];
const target = (name, value, goal, ok, detail = '') =>
  checks.push({ name, value, goal, ok, detail });
const x = (v) => `${v.toFixed(2)}x`;

target(
  '`npm run synth` vs the floor',
  x(npmSynth.wall / floor.wall),
  '≤ 2x',
  npmSynth.wall / floor.wall <= 2,
);
target(
  'synth program (pre-bundled) vs the floor',
  x(bundled.wall / floor.wall),
  'for reference',
  undefined,
);
if (runTs) {
  target(
    'bundling cost (run-ts.mjs − pre-bundled)',
    ms(runTs.wall - bundled.wall),
    'for reference',
    undefined,
  );
}
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
      `\`${r.command.replaceAll(tmp, '$TMP')}\``,
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
