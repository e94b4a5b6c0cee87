import { Testing } from 'cdk8s';
import fc from 'fast-check';
import { BlueGreenWebAppProps } from '../../src';
import { Manifest } from '../support/synth';
import * as arb from './arbitraries';
import {
  CONSTRUCTS,
  ERROR,
  apiServerProblems,
  chart,
  gateFindings,
  podLabels,
  thrown,
} from './support';

type Kind = keyof typeof CONSTRUCTS;
const VALID: Record<Kind, fc.Arbitrary<unknown>> = {
  WebApp: arb.webAppProps,
  BlueGreenWebApp: arb.blueGreenProps,
  StatefulApp: arb.statefulAppProps,
  Job: arb.jobProps,
  CronJob: arb.cronJobProps,
};

/**
 * Names from a few stems and the suffixes the constructs add themselves (`-blue`, `-green`,
 * `-headless`), so that apps of one chart often compete for a name.
 */
const name = fc
  .tuple(fc.constantFrom('web', 'db', 'api'), fc.constantFrom('', '-blue', '-green', '-headless'))
  .map(([stem, suffix]) => stem + suffix);

const app = fc
  .constantFrom(...(Object.keys(CONSTRUCTS) as Kind[]))
  .chain((kind) => fc.record({ kind: fc.constant(kind), name, props: VALID[kind] }));

/** The workload (by name) whose pods an object of an app must select: its own, or the active release. */
function owners(apps: { kind: Kind; name: string; props: unknown }[]): Map<string, string> {
  const owner = new Map<string, string>();
  for (const { kind, name: n, props } of apps) {
    if (kind === 'BlueGreenWebApp') {
      const active = `${n}-${(props as BlueGreenWebAppProps).active}`;
      owner.set(`Service/${n}`, active);
      for (const color of ['blue', 'green']) owner.set(`*/${n}-${color}`, `${n}-${color}`);
    } else {
      owner.set(`*/${n}`, n);
      if (kind === 'StatefulApp') owner.set(`Service/${n}-headless`, n);
    }
  }
  return owner;
}

const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

/** The label selector of a Service, PDB or NetworkPolicy; undefined for other kinds. */
function selectorOf(doc: Manifest): Record<string, string> | undefined {
  if (doc.kind === 'Service') return doc.spec.selector;
  if (doc.kind === 'PodDisruptionBudget') return doc.spec.selector.matchLabels;
  if (doc.kind === 'NetworkPolicy') return doc.spec.podSelector.matchLabels;
  return undefined;
}

describe('several apps of different kinds in one chart', () => {
  test(
    'are refused when two would write objects of one name; otherwise each selects only its own pods',
    () => {
      fc.assert(
        fc.property(fc.array(app, { minLength: 2, maxLength: 4 }), (apps) => {
          const c = chart();
          const error = thrown(() =>
            apps.forEach(({ kind, name: n, props }, i) =>
              (CONSTRUCTS[kind].build as (s: unknown, id: string, p: unknown) => void)(
                c,
                `app-${i}`,
                { ...(props as object), name: n },
              ),
            ),
          );
          const claimed = apps.flatMap(({ kind, name: n }) =>
            kind === 'BlueGreenWebApp'
              ? [n, `${n}-blue`, `${n}-green`]
              : kind === 'StatefulApp'
                ? [n, `${n}-headless`]
                : [n],
          );
          expect(error !== undefined).toBe(new Set(claimed).size < claimed.length);
          if (error !== undefined) {
            expect((error as Error).message).toMatch(ERROR);
            expect((error as Error).message).toMatch(/name( \([^)]*\))? must be unique/);
            return;
          }
          const docs = Testing.synth(c);
          expect(gateFindings(docs)).toEqual([]);
          expect(apiServerProblems(docs)).toEqual([]);
          const owner = owners(apps);
          const ownerOf = (doc: Manifest) =>
            owner.get(`${doc.kind}/${doc.metadata.name}`) ?? owner.get(`*/${doc.metadata.name}`);
          const pods = docs
            .filter((d) => podLabels(d) !== undefined)
            .map((d) => ({ owner: ownerOf(d), labels: podLabels(d)! }));
          for (const doc of docs) {
            const selector = selectorOf(doc);
            if (doc.kind === 'HorizontalPodAutoscaler') {
              expect(doc.spec.scaleTargetRef).toEqual({
                apiVersion: 'apps/v1',
                kind: 'Deployment',
                name: doc.metadata.name,
              });
            }
            if (selector === undefined) continue;
            expect(ownerOf(doc)).toBeDefined();
            const selected = pods.filter((p) => matches(selector, p.labels)).map((p) => p.owner);
            expect([doc.kind, doc.metadata.name, selected]).toEqual([
              doc.kind,
              doc.metadata.name,
              [ownerOf(doc)],
            ]);
          }
        }),
        arb.params(40),
      );
    },
    arb.TIMEOUT,
  );
});
