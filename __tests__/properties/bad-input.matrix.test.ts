import fc from 'fast-check';
import { Chart } from 'cdk8s';
import { Kind, mutationsOf } from './invalid-props';
import { CONSTRUCTS, chart, expectStandardError, thrown } from './support';

/**
 * The bad-input matrix: every mutation of every construct, each tried on its own with a few
 * values, so that no category is left to chance (the property tests mix them at random).
 */
const SAMPLES = 3;
const KINDS = Object.keys(CONSTRUCTS) as Kind[];

const cases = KINDS.flatMap((kind) => {
  const { valid, mutations } = mutationsOf(kind);
  const [base] = fc.sample(valid, { seed: 42, numRuns: 1 });
  return mutations.flatMap((mutation, m) =>
    fc.sample(mutation, { seed: m, numRuns: SAMPLES }).map((apply, s) => {
      const invalid = apply(base);
      return {
        kind,
        name: `${kind} mutation ${m}.${s}: ${invalid.prop} = ${invalid.shown}`,
        invalid,
      };
    }),
  );
});

describe('the bad-input matrix', () => {
  test('covers every construct with many cases', () => {
    for (const kind of KINDS)
      expect(cases.filter((c) => c.kind === kind).length).toBeGreaterThan(150);
  });

  test.each(cases.map((c) => [c.name, c] as const))(
    '%s is refused in one standard line',
    (_name, { kind, invalid }) => {
      const build = CONSTRUCTS[kind].build as (s: Chart, id: string, p: unknown) => void;
      expectStandardError(
        thrown(() => build(chart(), 'app', invalid.build())),
        invalid,
      );
    },
  );
});
