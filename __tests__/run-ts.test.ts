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

function runFile(project: string, entry: string, ...args: string[]) {
  return spawnSync(process.execPath, ['scripts/run-ts.mjs', entry, ...args], {
    cwd: project,
    encoding: 'utf8',
  });
}

function run(project: string, ...args: string[]): string {
  const result = runFile(project, 'hello.ts', ...args);
  expect(result.stderr).toBe('');
  return result.stdout;
}

const bundleOf = (project: string) => path.join(project, '.build', 'hello.js');
const recordOf = (project: string) => `${bundleOf(project)}.sources.json`;

/** Files a write left half done: `<name>.<pid>`. */
const leftovers = (dir: string) => fs.readdirSync(dir).filter((name) => /\.\d+$/.test(name));

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

  test('writes a source map beside the bundle, and bundles again when it is missing', () => {
    const project = scratchProject('hello');
    expect(run(project)).toBe('hello \n');
    const map = JSON.parse(fs.readFileSync(`${bundleOf(project)}.map`, 'utf8'));
    expect(map.sources).toContain('../hello.ts');
    fs.rmSync(`${bundleOf(project)}.map`);
    expect(run(project)).toBe('hello \n');
    expect(fs.existsSync(`${bundleOf(project)}.map`)).toBe(true);
  }, 60_000);

  test('does not record a bundle whose sources were written after its build began', () => {
    const project = scratchProject('hello');
    // A source stamped later than the build's start stands for one saved while esbuild ran.
    const source = path.join(project, 'hello.ts');
    const later = new Date(Date.now() + 24 * 3600 * 1000);
    fs.utimesSync(source, later, later);
    expect(run(project)).toBe('hello \n');
    expect(fs.existsSync(recordOf(project))).toBe(false);
    fs.utimesSync(source, new Date(0), new Date(0));
    expect(run(project)).toBe('hello \n');
    expect(JSON.parse(fs.readFileSync(recordOf(project), 'utf8'))).toMatchObject({
      entry: 'hello.ts',
      sources: { 'hello.ts': { hash: expect.stringMatching(/^[0-9a-f]{64}$/) } },
    });
  }, 60_000);

  test('runs each entry of two whose paths make one bundle name (a-b/c.ts, a/b-c.ts)', () => {
    const project = scratchProject('hello');
    for (const [entry, says] of [
      ['a-b/c.ts', 'a-b/c'],
      ['a/b-c.ts', 'a/b-c'],
    ]) {
      fs.mkdirSync(path.join(project, path.dirname(entry)), { recursive: true });
      fs.writeFileSync(path.join(project, entry), `console.log('${says}');\n`);
    }
    for (const entry of ['a-b/c.ts', 'a/b-c.ts', 'a-b/c.ts']) {
      const result = runFile(project, entry);
      expect([result.stderr, result.stdout]).toEqual(['', `${entry.replace(/\.ts$/, '')}\n`]);
    }
    expect(fs.existsSync(path.join(project, '.build', 'a-b-c.js'))).toBe(true);
  }, 60_000);

  test('leaves no half-written file behind when a bundle or a code cache cannot be written', () => {
    const project = scratchProject('hello');
    const build = path.join(project, '.build');
    const cacheDir = path.join(build, 'code-cache');
    expect(run(project)).toBe('hello \n');
    // A folder where a file should go: the temporary file is written, the rename fails.
    const [cache] = fs.readdirSync(cacheDir);
    fs.rmSync(path.join(cacheDir, cache));
    fs.mkdirSync(path.join(cacheDir, cache, 'in-the-way'), { recursive: true });
    expect(run(project, 'still')).toBe('hello still\n');
    expect(leftovers(cacheDir)).toEqual([]);
    writeEntry(project, 'hi');
    fs.rmSync(`${bundleOf(project)}.map`);
    fs.mkdirSync(path.join(`${bundleOf(project)}.map`, 'in-the-way'), { recursive: true });
    const failed = runFile(project, 'hello.ts');
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toMatch(/EISDIR|EEXIST|ENOTEMPTY/);
    expect(leftovers(build)).toEqual([]);
  }, 60_000);
});
