import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkDirectories } from '../../gate';
import { setValidatorCacheDir } from '../../gate/schema';
import { runEntry } from '../support/files';
import { projectCopy, runIn } from '../support/project-copy';
import { VALID_DIR } from './helpers';
import { CHANGES } from './schema-changes';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-cache-'));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the gate on every case of CHANGES in a new process, with its validator cache in `dir`. */
function checkFresh(): Record<string, unknown> {
  const result = runEntry('__tests__/fixtures/gate-cache-probe.ts', {}, [dir, VALID_DIR]);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

/** The cache entries, each with the identity of the file that holds it now. */
function entries(): Map<string, string> {
  return new Map(
    fs.readdirSync(dir).map((name) => {
      const stat = fs.statSync(path.join(dir, name));
      return [name, `${stat.ino} ${stat.mtimeMs}`];
    }),
  );
}

describe('the validator cache', () => {
  test('a first check compiles every kind once and writes one module', () => {
    checkFresh();
    expect(fs.readdirSync(dir)).toEqual([expect.stringMatching(/^validators-\w{16}\.js$/)]);
  }, 120_000);

  test('a second check loads the module and finds exactly the same', () => {
    const compiled = checkFresh();
    const written = entries();
    const loaded = checkFresh();
    expect(entries()).toEqual(written);
    expect(loaded).toEqual(compiled);
    expect(compiled.valid).toEqual([]);
    for (const name of Object.keys(CHANGES).filter((n) => n !== 'valid')) {
      expect(compiled[name]).toContainEqual(expect.objectContaining({ rule: 'schema' }));
    }
    expect(compiled['ajv-formats formats']).toEqual([
      expect.objectContaining({
        path: 'status.lastScheduleTime',
        message: 'must be a valid date-time, got "yesterday"',
      }),
      expect.objectContaining({
        path: 'data.key',
        message: 'must be a valid byte, got "not base64!"',
      }),
    ]);
  }, 120_000);

  test("the gate as Jest's transform builds it loads the module the bundle of run-ts.mjs wrote", () => {
    checkFresh();
    const written = entries();
    setValidatorCacheDir(dir);
    try {
      expect(checkDirectories([VALID_DIR]).findings).toEqual([]);
    } finally {
      setValidatorCacheDir(undefined);
    }
    expect(entries()).toEqual(written);
  }, 120_000);

  test('a corrupt module is ignored and written again', () => {
    const compiled = checkFresh();
    const [name] = fs.readdirSync(dir);
    const file = path.join(dir, name);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.slice(0, text.length / 2));
    expect(checkFresh()).toEqual(compiled);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
  }, 120_000);

  test('a revision with another vendored schema compiles its own module and never loads the other', () => {
    const compiled = checkFresh();
    const [ours] = fs.readdirSync(dir);
    const project = projectCopy();
    const schemaFile = path.join(project, 'gate', 'schema', 'kubernetes-1.27.json');
    const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
    schema.schemas['io.k8s.api.core.v1.Service'].required.push('status');
    fs.writeFileSync(schemaFile, `${JSON.stringify(schema)}\n`);
    const probe = ['scripts/run-ts.mjs', '__tests__/fixtures/gate-cache-probe.ts', dir, VALID_DIR];
    const result = runIn(project, process.execPath, probe);
    expect(result.stderr).toBe('');
    const names = fs.readdirSync(dir);
    expect(names).toHaveLength(2);
    expect(names).toContain(ours);
    for (const name of names) expect(name).toMatch(/^validators-\w{16}\.js$/);
    expect(compiled.valid).toEqual([]);
    expect(JSON.parse(result.stdout).valid).toContainEqual(
      expect.objectContaining({ rule: 'schema', object: 'Service/shop/web' }),
    );
    expect(checkFresh()).toEqual(compiled);
  }, 240_000);

  test('a cache that cannot be written still gives the same findings, from memory', () => {
    const compiled = checkFresh();
    fs.rmSync(dir, { recursive: true });
    fs.writeFileSync(dir, 'not a folder');
    expect(checkFresh()).toEqual(compiled);
    expect(fs.readFileSync(dir, 'utf8')).toBe('not a folder');
    fs.rmSync(dir);
  }, 120_000);
});
