import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, runEntry } from './support/files';

const ENTRY = '__tests__/fixtures/hello.ts';
const BUNDLE = path.join(ROOT, '.build', '__tests__-fixtures-hello.js');

describe('scripts/run-ts.mjs', () => {
  test('bundles an entry, runs it with its arguments, and reuses the bundle while sources are unchanged', () => {
    fs.rmSync(BUNDLE, { force: true });
    expect(runEntry(ENTRY, {}, ['a', 'b']).stdout).toBe('hello a b\n');
    const built = fs.statSync(BUNDLE).mtimeMs;
    expect(runEntry(ENTRY, {}, ['again']).stdout).toBe('hello again\n');
    expect(fs.statSync(BUNDLE).mtimeMs).toBe(built);
  });

  test('bundles from any working directory', () => {
    fs.rmSync(BUNDLE, { force: true });
    const result = spawnSync(
      process.execPath,
      [path.join(ROOT, 'scripts/run-ts.mjs'), ENTRY, 'x'],
      {
        cwd: os.tmpdir(),
        encoding: 'utf8',
      },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('hello x\n');
  });

  test('rebuilds the bundle when a source changes', () => {
    runEntry(ENTRY, {});
    const built = fs.statSync(BUNDLE).mtimeMs;
    const source = path.join(ROOT, ENTRY);
    const later = new Date(Date.now() + 1000);
    fs.utimesSync(source, later, later);
    expect(runEntry(ENTRY, {}, ['changed']).stdout).toBe('hello changed\n');
    expect(fs.statSync(BUNDLE).mtimeMs).not.toBe(built);
  });
});
