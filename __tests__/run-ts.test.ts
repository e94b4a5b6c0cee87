import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, tempDir } from './support/files';

/** A small project of its own: run-ts.mjs, one entry point, and our node_modules linked in. */
function scratchProject(greeting: string): string {
  const project = path.join(tempDir('cdk8s-webapp-run-ts-'), 'project');
  fs.mkdirSync(path.join(project, 'scripts'), { recursive: true });
  for (const script of ['run-ts.mjs', 'code-cache.cjs']) {
    fs.copyFileSync(path.join(ROOT, 'scripts', script), path.join(project, 'scripts', script));
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
  writeEntry(project, greeting);
  return project;
}

function writeEntry(project: string, greeting: string): void {
  const entry = `const who: string = process.argv.slice(2).join(' ');\nconsole.log(\`${greeting} \${who}\`);\n`;
  fs.writeFileSync(path.join(project, 'hello.ts'), entry);
}

function run(project: string, ...args: string[]): string {
  const result = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'hello.ts', ...args], {
    cwd: project,
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  return result.stdout;
}

const bundleOf = (project: string) => path.join(project, '.build', 'hello.js');

describe('scripts/run-ts.mjs', () => {
  test('bundles an entry, runs it with its arguments, and reuses the bundle while sources are unchanged', () => {
    const project = scratchProject('hello');
    expect(run(project, 'a', 'b')).toBe('hello a b\n');
    const built = fs.statSync(bundleOf(project)).mtimeMs;
    expect(run(project, 'again')).toBe('hello again\n');
    expect(fs.statSync(bundleOf(project)).mtimeMs).toBe(built);
  }, 60_000);

  test('keeps one code cache per module, replaced when the module changes, and survives a corrupt one', () => {
    const project = scratchProject('hello');
    const caches = () => fs.readdirSync(path.join(project, '.build', 'code-cache'));
    expect(run(project)).toBe('hello \n');
    const [first] = caches();
    expect(caches()).toEqual([expect.stringMatching(/^[0-9a-f]{32}-[0-9a-f]{32}\.bin$/)]);
    writeEntry(project, 'hi');
    expect(run(project)).toBe('hi \n');
    expect(caches()).toHaveLength(1);
    expect(caches()[0]).not.toBe(first);
    fs.writeFileSync(path.join(project, '.build', 'code-cache', caches()[0]), 'not a code cache');
    expect(run(project, 'still')).toBe('hi still\n');
  }, 60_000);

  test('bundles from any working directory', () => {
    const project = scratchProject('hello');
    const result = spawnSync(
      process.execPath,
      [path.join(project, 'scripts/run-ts.mjs'), 'hello.ts', 'x'],
      { cwd: os.tmpdir(), encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('hello x\n');
  }, 60_000);

  test('runs the edited source, even when the file keeps its old modification time', () => {
    const project = scratchProject('hello');
    expect(run(project)).toBe('hello \n');
    const source = path.join(project, 'hello.ts');
    const { atime, mtime } = fs.statSync(source);
    writeEntry(project, 'howdy');
    fs.utimesSync(source, atime, mtime);
    expect(run(project)).toBe('howdy \n');
  }, 60_000);

  test('runs a copied project’s own sources, not the bundle it was copied with', () => {
    const original = scratchProject('hello');
    expect(run(original)).toBe('hello \n');
    const copy = path.join(path.dirname(original), 'copy');
    fs.cpSync(original, copy, {
      recursive: true,
      verbatimSymlinks: true,
      preserveTimestamps: true,
    });
    writeEntry(copy, 'hi from the copy');
    expect(run(copy)).toBe('hi from the copy \n');
    expect(run(original)).toBe('hello \n');
  }, 60_000);
});
