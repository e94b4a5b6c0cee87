import { App, Chart } from 'cdk8s';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { synthAtomically } from '../../runtime';
import { snapshotDir, tempDir } from '../support/files';
import * as arb from './arbitraries';
import { Kind, invalidProps } from './invalid-props';
import { CONSTRUCTS, ERROR, chart, expectStandardError, thrown } from './support';

const KINDS = Object.keys(CONSTRUCTS) as Kind[];

function build(kind: Kind, scope: Chart, props: unknown): void {
  (CONSTRUCTS[kind].build as (s: Chart, id: string, p: unknown) => void)(scope, 'app', props);
}

describe.each(KINDS)('%s with one invalid prop', (kind) => {
  test(
    'is refused with a plain Error that names the construct, the prop and the value',
    () => {
      fc.assert(
        fc.property(invalidProps(kind), (invalid) => {
          expectStandardError(
            thrown(() => build(kind, chart(), invalid.build())),
            invalid,
          );
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
        fc.property(invalidProps(kind), ({ build: props }) => {
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
