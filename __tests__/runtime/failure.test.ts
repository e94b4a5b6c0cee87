import * as fs from 'fs';
import * as path from 'path';
import { describeFailure } from '../../runtime/failure';
import { tempDir } from '../support/files';

/**
 * A bundle in `<project>/.build/` with its source map beside it, as `scripts/run-ts.mjs` writes
 * them: line 2 column 5 comes from a package, line 3 column 9 from `app/chart.ts:12:5`, line 1
 * from nothing (the bundler's own helpers).
 */
function bundleWithMap(): { project: string; bundle: string } {
  const project = tempDir('cdk8s-webapp-failure-');
  const bundle = path.join(project, '.build', 'main.js');
  fs.mkdirSync(path.dirname(bundle));
  fs.writeFileSync(bundle, '// not read\n');
  const map = {
    version: 3,
    sources: ['../app/chart.ts', '../node_modules/cdk8s/lib/chart.js'],
    names: [],
    // Line 2: column 4 to source 1, 0:0; line 3: column 8 to source 0, 11:4 (all from 0).
    mappings: ';ICAA;QDWI',
  };
  fs.writeFileSync(`${bundle}.map`, JSON.stringify(map));
  return { project, bundle };
}

/** A TypeError with the stack given, frames innermost first. */
function typeError(...frames: string[]): TypeError {
  const error = new TypeError('x is not a function');
  error.stack = [`TypeError: ${error.message}`, ...frames.map((f) => `    at ${f}`)].join('\n');
  return error;
}

const relative = (file: string) => path.relative(process.cwd(), file);

describe('describeFailure', () => {
  test('gives a bad prop its message alone, and a value thrown its inspection', () => {
    expect(describeFailure(new Error("web-app 'web': replicas must be at least 1, got 0"))).toBe(
      "web-app 'web': replicas must be at least 1, got 0",
    );
    expect(describeFailure({ code: 42 })).toBe(
      'the program threw { code: 42 }, which is not an Error',
    );
  });

  test('places a bug in a bundle in its TypeScript source, past the bundled packages and the helpers', () => {
    const { project, bundle } = bundleWithMap();
    const error = typeError(
      'node:internal/modules/cjs/loader:1:1',
      `__commonJS (${bundle}:1:1)`,
      `Chart.toJson (${bundle}:2:5)`,
      `new WebChart (${bundle}:3:9)`,
      `${bundle}:3:9`,
    );
    expect(describeFailure(error)).toBe(
      `TypeError: x is not a function (at ${relative(path.join(project, 'app', 'chart.ts'))}:12:5)`,
    );
  });

  test('places a bug in an anonymous function, in a file without a map, as the stack says', () => {
    const file = path.join(tempDir(), 'app', 'chart.ts');
    const error = typeError(
      `Object.<anonymous> (${path.join('/x', 'node_modules', 'cdk8s', 'lib', 'app.js')}:4:2)`,
      `${file}:7:45`,
    );
    expect(describeFailure(error)).toBe(
      `TypeError: x is not a function (at ${relative(file)}:7:45)`,
    );
  });

  test('gives a bug only its type and message when no place in the stack is the program’s', () => {
    const { bundle } = bundleWithMap();
    const error = typeError('node:internal/x:1:1', `f (${bundle}:2:5)`, `g (${bundle}:1:1)`);
    expect(describeFailure(error)).toBe('TypeError: x is not a function');
  });
});
