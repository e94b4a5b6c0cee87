import { Testing } from 'cdk8s';
import fc from 'fast-check';
import { WorkloadProps } from '../../src';
import * as arb from './arbitraries';
import {
  CONSTRUCTS,
  Kind,
  VALID_PROPS,
  anyId,
  apiServerProblems,
  chart,
  errorAt,
  gateFindings,
  thrown,
} from './support';

const KINDS = Object.keys(CONSTRUCTS) as Kind[];

/** Synthesizes one construct alone in a fresh chart. */
function synthOne(kind: Kind, id: string, props: unknown) {
  const c = chart();
  (CONSTRUCTS[kind].build as (s: typeof c, id: string, p: unknown) => void)(c, id, props);
  return Testing.synth(c);
}

/** Whether a helper container would take the main container's name (the workload's). */
function helperNamed(props: unknown, name: string): boolean {
  const p = props as WorkloadProps;
  return [...(p.sidecars ?? []), ...(p.initContainers ?? [])].some((c) =>
    [name, `${name}-blue`, `${name}-green`].includes(c.name),
  );
}

/** An id used as the name, or any id with a name prop. */
const identity = (name: fc.Arbitrary<string>) =>
  fc.oneof(
    name.map((n) => ({ id: n, name: n, prop: undefined as string | undefined })),
    fc.tuple(anyId, name).map(([id, n]) => ({ id, name: n, prop: n })),
  );

/** Any id, short names, and names around the limits (52, 57, 63). */
const idNearLimits = fc.oneof(
  anyId,
  arb.dnsLabel(12),
  fc.stringMatching(/^[a-z][a-z0-9-]{44,68}[a-z0-9]$/),
);

describe.each(KINDS)('%s with any valid props', (kind) => {
  test(
    'synthesizes manifests that pass the gate and that the API server accepts',
    () => {
      fc.assert(
        fc.property(
          identity(CONSTRUCTS[kind].name),
          VALID_PROPS[kind],
          ({ id, name, prop }, props) => {
            fc.pre(!helperNamed(props, name));
            const docs = synthOne(kind, id, prop === undefined ? props : { ...props, name: prop });
            expect(gateFindings(docs)).toEqual([]);
            expect(apiServerProblems(docs)).toEqual([]);
          },
        ),
        arb.params(60),
      );
    },
    arb.TIMEOUT,
  );

  test(
    'synthesizes the same bytes twice, and any id is a valid name or refused clearly',
    () => {
      fc.assert(
        fc.property(idNearLimits, VALID_PROPS[kind], (id, props) => {
          fc.pre(!helperNamed(props, id));
          const error = thrown(() => synthOne(kind, id, props));
          if (error !== undefined) {
            expect(error).toBeInstanceOf(Error);
            expect((error as Error).message).toMatch(errorAt(`test/${id}`));
            expect((error as Error).message).toContain(`name must be`);
            return;
          }
          const first = synthOne(kind, id, props);
          // JSON of the same objects: YAML is written from it, and JSON is 100 times faster to emit.
          expect(JSON.stringify(synthOne(kind, id, props))).toBe(JSON.stringify(first));
          expect(apiServerProblems(first)).toEqual([]);
        }),
        arb.params(40),
      );
    },
    arb.TIMEOUT,
  );
});
