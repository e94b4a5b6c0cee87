// The ratios `npm run bench` prints and records, with the targets of issues 7 and 17 where there
// is one: each check is { name, value, goal, ok (true, false, or undefined for "for reference"),
// detail }.
import { MIB, mib, ms, x } from './measure.mjs';

/**
 * The checks of one bench run. `m` holds the measurements: `floor`, `npmSynth`, `npmItself`,
 * `runTs`, and without --quick `stock`, `ourCli` and `typeCheck`; `stacks[n]` the `bare`, `gate`
 * and `check` measurements of each size; `versus` the rows of {@link versusHelm} (empty without
 * helm).
 */
export function targets({ sizes, m, stacks, versus, helmFound }) {
  const checks = [];
  const target = (name, value, goal, ok, detail = '') =>
    checks.push({ name, value, goal, ok, detail });
  /** A ratio without a goal, shown for context. */
  const reference = (name, value, detail) =>
    target(name, value, 'for reference', undefined, detail);

  target(
    '`npm run synth` vs the floor',
    x(m.npmSynth.wall / m.floor.wall),
    '≤ 2x',
    m.npmSynth.wall / m.floor.wall <= 2,
    'also a goal of issue 17',
  );
  // Issue 17: at least as fast as Helm for large stacks, close to it for small ones (where Node's
  // start-up is most of the time), at most twice its memory.
  for (const v of versus) {
    const limit = v.n >= 100 ? 1 : 1.5;
    target(
      `synth + gate vs helm template, ${v.n} WebApps`,
      x(v.ratio),
      `≤ ${limit.toFixed(1)}x`,
      v.ratio <= limit,
      `${ms(v.ours.wall)} vs ${ms(v.helm.wall)}; issue 17`,
    );
  }
  for (const v of versus) {
    target(
      `peak RSS vs helm template, ${v.n} WebApps`,
      v.memory === undefined ? 'n/a' : x(v.memory),
      '≤ 2x',
      v.memory === undefined ? undefined : v.memory <= 2,
      `${mib(v.ours.rss)} vs ${mib(v.helm.rss)}; issue 17`,
    );
  }
  if (!helmFound) {
    target(
      'synth + gate vs helm template',
      'n/a',
      '≤ 1.0x for N ≥ 100, ≤ 1.5x below; memory ≤ 2x',
      undefined,
      'helm not found: `node scripts/fetch-helm.mjs` fetches it; issue 17',
    );
  }
  reference('synth program (run-ts.mjs main.ts) vs the floor', x(m.runTs.wall / m.floor.wall));
  reference(
    "npm's own start-up vs the floor",
    x(m.npmItself.wall / m.floor.wall),
    'of the 2x that `npm run synth` may take, npm itself takes this much',
  );
  if (m.stock) {
    target(
      'stock cdk8s path vs `npm run synth`',
      x(m.stock.wall / m.npmSynth.wall),
      '≥ 8x',
      m.stock.wall / m.npmSynth.wall >= 8,
    );
    reference('`npx cdk8s synth` (our app) vs `npm run synth`', x(m.ourCli.wall / m.npmSynth.wall));
    reference('type-check + run vs `npm run synth`', x(m.typeCheck.wall / m.npmSynth.wall));
  }
  if (sizes.length >= 3) scaling({ target, reference }, sizes, stacks);
  // Issue 7: a thousand apps in under 2 s and 300 MiB, with the gate and without.
  for (const [mode, what] of stacks[1000]
    ? [
        ['bare', 'synth'],
        ['gate', 'synth + gate'],
      ]
    : []) {
    const { wall, rss } = stacks[1000][mode];
    target(`1000 WebApps, ${what}: wall`, ms(wall), '< 2 s', wall < 2000);
    target(`1000 WebApps, ${what}: peak RSS`, mib(rss), '< 300 MiB', rss < 300 * MIB);
  }
  return checks;
}

/** How the cost per app grows with the stack's size, from the three largest sizes. */
function scaling({ target, reference }, sizes, stacks) {
  const [small, mid, large] = [sizes[0], sizes.at(-2), sizes.at(-1)];
  for (const [mode, what] of [
    ['bare', 'synth'],
    ['gate', 'synth + gate'],
    ['check', 'gate alone'],
  ]) {
    const t = (n) => stacks[n][mode].wall;
    // The cost of each added app between two sizes; the start-up cost cancels out.
    const marginal = (a, b) => (t(b) - t(a)) / (b - a);
    reference(
      `${what}: time per app at ${large} vs at ${mid}`,
      x(t(large) / large / (t(mid) / mid)),
      `${(t(mid) / mid).toFixed(2)} → ${(t(large) / large).toFixed(2)} ms per app, start-up included`,
    );
    reference(
      `${what}: marginal cost per app (${mid}→${large})`,
      `${marginal(mid, large).toFixed(2)} ms`,
    );
    // Linear when each added app costs as much at the large end as at the small one; a quadratic
    // step makes the marginal cost grow with N (10x from one decade to the next).
    const growth = marginal(mid, large) / marginal(small, mid);
    const measurable = marginal(small, mid) > 0;
    target(
      `${what}: marginal cost ${mid}→${large} vs ${small}→${mid}`,
      measurable ? x(growth) : 'n/a',
      '≤ 1.5x (linear)',
      measurable ? growth <= 1.5 : undefined,
      measurable
        ? `${marginal(small, mid).toFixed(2)} → ${marginal(mid, large).toFixed(2)} ms per added app`
        : `${small}→${mid} is within the noise of the runs`,
    );
  }
}
