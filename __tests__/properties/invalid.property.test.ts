import { App, Chart } from 'cdk8s';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { synthAtomically } from '../../runtime';
import { snapshotDir, tempDir } from '../support/files';
import * as arb from './arbitraries';
import { CONSTRUCTS, ERROR, chart, thrown } from './support';

type Kind = keyof typeof CONSTRUCTS;
const INVALID: { [K in Kind]: fc.Arbitrary<arb.Invalid<unknown>> } = {
  WebApp: arb.invalidWebApp,
  BlueGreenWebApp: arb.invalidBlueGreen,
  StatefulApp: arb.invalidStatefulApp,
  Job: arb.invalidJob,
  CronJob: arb.invalidCronJob,
};
const KINDS = Object.keys(CONSTRUCTS) as Kind[];

function build(kind: Kind, scope: Chart, props: unknown): void {
  (CONSTRUCTS[kind].build as (s: Chart, id: string, p: unknown) => void)(scope, 'app', props);
}

describe.each(KINDS)('%s with one invalid prop', (kind) => {
  test(
    'is refused with a plain Error that names the construct, the prop and the value',
    () => {
      fc.assert(
        fc.property(INVALID[kind], ({ build: props, prop, shown }) => {
          const error = thrown(() => build(kind, chart(), props()));
          expect(error).toBeInstanceOf(Error);
          expect(error).not.toBeInstanceOf(TypeError);
          expect(error).not.toBeInstanceOf(RangeError);
          const message = (error as Error).message;
          expect(message).toMatch(ERROR);
          expect(message).toContain(`${prop} `);
          expect(message).toContain(shown);
          expect(message).not.toMatch(/undefined|NaN.*NaN|\[object Object\]/);
        }),
        arb.params(150),
      );
    },
    arb.TIMEOUT,
  );

  test(
    'leaves an existing output folder untouched when synthesized atomically',
    () => {
      fc.assert(
        fc.property(INVALID[kind], ({ build: props }) => {
          const dist = path.join(tempDir(), 'dist');
          fs.mkdirSync(dist);
          fs.writeFileSync(path.join(dist, 'old.k8s.yaml'), 'kind: ConfigMap\n');
          const before = snapshotDir(dist);
          const createApp = (outdir: string) => {
            const app = new App({ outdir });
            build(kind, new Chart(app, 'test', { namespace: 'shop' }), props());
            return app;
          };
          expect(() => synthAtomically(createApp, { outdir: dist })).toThrow(ERROR);
          expect(snapshotDir(dist)).toEqual(before);
          expect(fs.readdirSync(path.dirname(dist))).toEqual(['dist']);
          fs.rmSync(path.dirname(dist), { recursive: true, force: true });
        }),
        arb.params(3),
      );
    },
    arb.TIMEOUT,
  );
});
