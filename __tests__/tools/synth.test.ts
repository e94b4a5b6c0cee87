import * as fs from 'fs';
import * as path from 'path';
import { PROJECT_ROOT, SynthError, synthesizeApp } from '../../tools/synth';
import { ROOT, tempDir } from '../support/files';

describe('synthesizeApp', () => {
  test('finds the project root by its package.json', () => {
    expect(PROJECT_ROOT).toBe(ROOT);
  });

  test('fails if the ref is an option, before git sees it', () => {
    // A git that writes down that it ran, first on the PATH.
    const bin = tempDir();
    const ran = path.join(bin, 'ran');
    fs.writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho "$@" >> '${ran}'\nexit 1\n`, {
      mode: 0o755,
    });
    const { PATH } = process.env;
    process.env.PATH = `${bin}${path.delimiter}${PATH}`;
    try {
      expect(() => synthesizeApp({ ref: '--output=/tmp/x' })).toThrow(
        new SynthError("'--output=/tmp/x' is not a git revision of this repository"),
      );
    } finally {
      process.env.PATH = PATH;
    }
    expect(fs.existsSync(ran)).toBe(false);
  });

  test('fails if the ref names no commit', () => {
    expect(() => synthesizeApp({ ref: 'no-such-ref' })).toThrow(
      "'no-such-ref' is not a git revision of this repository",
    );
  });
});
