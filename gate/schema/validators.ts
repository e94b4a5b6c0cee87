import { createHash } from 'crypto';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import type { ValidateFunction } from 'ajv';
import type { CompiledValidators } from './compile';
import { AJV_OPTIONS, QUANTITY } from './options';

/**
 * The compiled validators of every kind, kept as one generated module in
 * `node_modules/.cache/cdk8s-webapp-gate/` and loaded with `require`: compiling takes Ajv
 * seconds, loading milliseconds. The module's name holds a hash of everything that decides its
 * code (the vendored schema's content, Ajv and ajv-formats and where they are installed, Ajv's
 * options, and {@link CACHE_FORMAT} for the rest), so a change to any of them compiles afresh,
 * and two revisions with different schemas never share validators. A module that is missing or
 * does not load counts as absent. Writing it may fail (a read-only `node_modules`): the run then
 * uses the validators it compiled in memory.
 */

/**
 * Raised when the way the module is generated or named changes, or what the strict pass
 * (`strict.ts`) makes of the schema: a test pins the latter to this number. (Its source text
 * cannot stand in: every bundler and test runner prints it differently, which gave each of them a
 * module of its own.)
 */
export const CACHE_FORMAT = 3;

/** The validators of every kind a Kubernetes 1.27 API server serves. */
export interface KindValidators {
  /** `apiVersion kind` to its validator's name. */
  readonly kinds: Readonly<Record<string, string>>;
  /** The validator of one name. */
  readonly validator: (name: string) => ValidateFunction;
}

let cacheDir: string | undefined;
let loaded: KindValidators | undefined;

/**
 * Sets the folder of the generated module, for a process that has not loaded it yet.
 *
 * @param dir the folder; `undefined` restores the default, `node_modules/.cache/cdk8s-webapp-gate/`
 */
export function setValidatorCacheDir(dir: string | undefined): void {
  cacheDir = dir;
}

/** The validators: loaded from the generated module, or compiled (and the module written) once. */
export function kindValidators(): KindValidators {
  loaded ??= load();
  return loaded;
}

function load(): KindValidators {
  const file = path.join(cacheDir ?? defaultCacheDir(), `validators-${cacheKey()}.js`);
  const cached = requireModule(file);
  if (cached !== undefined) return cached;
  // Ajv is loaded only here, on a miss: a warm run needs only the generated module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { compileValidators } = require('./compile') as typeof import('./compile');
  const compiled: CompiledValidators = compileValidators();
  writeAtomically(file, compiled.code);
  return { kinds: compiled.kinds, validator: (name) => compiled.validators[name] };
}

/**
 * Loads a generated module with Node's own `require` (no bundler or test runner in between), and
 * forgets it at once: this process keeps what it loaded, and a later call reads the file afresh.
 * `undefined` when the module is missing or corrupt.
 */
function requireModule(file: string): KindValidators | undefined {
  const load = createRequire(file);
  try {
    const module = load(file) as Record<string, unknown> & { kinds?: Record<string, string> };
    delete load.cache[file];
    if (typeof module.kinds !== 'object' || module.kinds === null) return undefined;
    return { kinds: module.kinds, validator: (name) => module[name] as ValidateFunction };
  } catch {
    return undefined;
  }
}

/** Writes beside the final name and renames into place, so parallel runs never read half a file. */
function writeAtomically(file: string, code: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, code);
    fs.renameSync(temp, file);
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // The folder cannot be written at all: nothing was left behind.
    }
  }
}

function cacheKey(): string {
  const installed = (name: string) => {
    const manifest = require.resolve(`${name}/package.json`);
    const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string };
    return `${version} at ${path.dirname(manifest)}`;
  };
  return createHash('sha256')
    .update(
      JSON.stringify({
        format: CACHE_FORMAT,
        kubernetes: '1.27',
        schema: schemaHash(),
        ajv: installed('ajv'),
        ajvFormats: installed('ajv-formats'),
        options: AJV_OPTIONS,
        quantity: QUANTITY.source,
      }),
    )
    .digest('hex')
    .slice(0, 16);
}

/** The vendored schema's file name, beside this module in the sources and in `lib/`. */
const SCHEMA_FILE = 'kubernetes-1.27.json';

/**
 * The SHA-256 of the vendored schema, read from its file (a fraction of a millisecond for its
 * 170 kB, on every run: the key names the module to load): beside this module as tsc and Jest
 * see it, or under the project root when `scripts/run-ts.mjs` bundled it into `.build/`. A
 * bundle made elsewhere hashes the copy it holds instead, which costs its evaluation (~10 ms).
 */
function schemaHash(): string {
  const file = schemaFile();
  if (file !== undefined) return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadKubernetesSchema } = require('./definitions') as typeof import('./definitions');
  return createHash('sha256').update(JSON.stringify(loadKubernetesSchema())).digest('hex');
}

/** The vendored schema's file, or `undefined` when this module runs from someone else's bundle. */
function schemaFile(): string | undefined {
  const beside = path.join(__dirname, SCHEMA_FILE);
  if (fs.existsSync(beside)) return beside;
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (!isThisProject(dir)) continue;
    const file = path.join(dir, 'gate', 'schema', SCHEMA_FILE);
    return fs.existsSync(file) ? file : undefined;
  }
  return undefined;
}

/** Whether a folder is this project's root: its `package.json` is `cdk8s-webapp`'s. */
function isThisProject(dir: string): boolean {
  try {
    const { name } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      name?: unknown;
    };
    return name === 'cdk8s-webapp';
  } catch {
    return false;
  }
}

/** `node_modules/.cache/cdk8s-webapp-gate`, in the `node_modules` that holds Ajv. */
function defaultCacheDir(): string {
  const ajv = path.dirname(require.resolve('ajv/package.json'));
  return path.join(ajv, '..', '.cache', 'cdk8s-webapp-gate');
}
