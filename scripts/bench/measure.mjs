// Timing whole processes for `npm run bench`: the median wall time and peak resident memory of
// several runs after warm-ups, of one command or of several side by side.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const MIB = 1024 * 1024;
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** A time as the tables show it: `412 ms`, `2.31 s`. */
export const ms = (v) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`);
/** A memory as the tables show it: `83 MiB`, or `n/a` when nothing was reported. */
export const mib = (v) => (v > 0 ? `${Math.round(v / MIB)} MiB` : 'n/a');
/** A ratio as the tables show it: `1.04x`. */
export const x = (v) => `${v.toFixed(2)}x`;

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Makes the timer of one bench run: commands run in `cwd` with `runs` timed runs after `warmups`
 * warm-ups (3 for commands over 2 s, unless `runsGiven`), scratch files go to `tmp`, and every
 * measurement is kept in `results` in the order taken.
 */
export function createTimer({ cwd, tmp, runs, warmups, runsGiven }) {
  const rssFile = path.join(tmp, 'rss');
  /** Without /usr/bin/time: each Node process appends its own peak to the RSS file at exit. */
  const rssHook = path.join(tmp, 'rss-hook.cjs');
  fs.writeFileSync(
    rssHook,
    `process.on('exit', () => require('fs').appendFileSync(${JSON.stringify(rssFile)}, ' ' + process.resourceUsage().maxRSS));\n`,
  );
  const results = [];

  /**
   * Runs a command once and returns its wall time (ms) and peak resident memory (bytes): the
   * largest of the process and its descendants, as `/usr/bin/time` reports it, or, without it,
   * the child's own `process.resourceUsage().maxRSS` through a preloaded hook (Node processes
   * only). With `stdout`, the command's output goes to that file, as a shell's `>` would send it.
   */
  function runOnce(command, env, stdout) {
    const [file, ...rest] = TIME ? [TIME, '-f', '%M', '-o', rssFile, ...command] : command;
    const childEnv = { ...process.env, ...env };
    if (!TIME) childEnv.NODE_OPTIONS = `--require ${rssHook} ${childEnv.NODE_OPTIONS ?? ''}`;
    fs.rmSync(rssFile, { force: true });
    const fd = stdout === undefined ? 'pipe' : fs.openSync(stdout, 'w');
    const start = process.hrtime.bigint();
    const result = spawnSync(file, rest, {
      cwd,
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
    const kib = Math.max(
      0,
      ...text.split(/\s+/).filter(Boolean).map(Number).filter(Number.isFinite),
    );
    return { wall, rss: kib * 1024 };
  }

  /**
   * Times commands side by side: the warm-ups of each, then one timed run of each in turn (A, B,
   * A, B...), so that a drift in the machine's load hits them alike; records and prints the
   * medians. A spec: { group, label, command, env, note, runs, prepare, stdout }.
   */
  function measureSideBySide(specs) {
    for (let i = 0; i < warmups; i++) {
      for (const spec of specs) {
        spec.prepare?.();
        runOnce(spec.command, spec.env, spec.stdout);
      }
    }
    const samples = specs.map(() => []);
    const fixed = specs.find((spec) => spec.runs !== undefined)?.runs;
    let wanted = fixed ?? runs;
    while (samples[0].length < wanted) {
      specs.forEach((spec, i) => {
        spec.prepare?.();
        samples[i].push(runOnce(spec.command, spec.env, spec.stdout));
      });
      // Commands over 2 s get 3 runs, unless --runs or the caller says otherwise.
      if (samples[0].length === 1 && fixed === undefined && !runsGiven) {
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

  /** Times a command: warm-ups, then timed runs; records and prints the medians. */
  function measure(group, label, command, options = {}) {
    return measureSideBySide([{ group, label, command, ...options }])[0];
  }

  return { results, measure, measureSideBySide };
}
