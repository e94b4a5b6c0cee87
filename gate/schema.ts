import * as fs from 'fs';
import * as path from 'path';
import { createRequire } from 'module';
import Ajv, { ErrorObject, ValidateFunction, _ } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone';
import { schemaIdOf } from './kinds';
import { readValidator, sha256, writeValidator } from './validator-cache';
import { isRecord, pointerToPath } from '../model';

/**
 * Strict validation against the Kubernetes 1.27 OpenAPI schemas, the way kubeconform's `-strict`
 * does it: unknown fields, wrong types and missing required fields are errors.
 *
 * The schemas come from the `kubernetes-models` npm package (4.3.x: Kubernetes 1.27.1). Each of
 * its `_schemas/<Id>.js` modules holds one plain JSON schema and an `addSchema()` that registers
 * it, and the schemas it refers to, through `register(id, schema)` of
 * `@kubernetes-models/validate`. The gate takes that `register` over to collect the schemas,
 * after making every object schema that lists `properties` reject all other fields. Only the
 * kinds that a run meets are loaded, each once.
 *
 * Compiling a kind's validator takes Ajv far longer than validating, so each one is also kept on
 * disk as Ajv standalone code (see `validator-cache.ts`), by default in
 * `node_modules/.cache/cdk8s-webapp-gate/`. An entry's name holds a hash of everything that
 * decides its code: the versions of `kubernetes-models` (so, its schemas), Ajv and ajv-formats,
 * the Ajv options and formats below, and the code that makes the schemas strict. A run whose
 * validators are all cached loads no schema at all.
 */

/** One schema violation, located by a field path inside the document. */
export interface SchemaError {
  /** The field path, such as `spec.template.spec.containers[0].name`; empty for the root. */
  readonly path: string;
  /** What is wrong, such as `unknown field "foo"`. */
  readonly message: string;
}

/** The outcome of validating one document. */
export type SchemaResult =
  { readonly known: true; readonly errors: readonly SchemaError[] } | { readonly known: false };

type Schema = Record<string, unknown>;

/**
 * Ajv's options. `verbose` gives each error the `data` it is about, which the messages show.
 * `code.source` keeps the generated code, for the cache.
 */
const AJV_OPTIONS = {
  allErrors: true,
  verbose: true,
  strict: false,
  inlineRefs: false,
  code: { optimize: false, source: true },
} as const;

/**
 * The module whose `fullFormats` the generated code takes the ajv-formats formats from (`int32`,
 * `byte`, `date-time`...). The `quantity` format is a RegExp, which Ajv writes into the code.
 */
const FORMATS_MODULE = 'ajv-formats/dist/formats';

/** Raised when the way cache entries are written or named changes. */
const CACHE_FORMAT = 1;

let cacheDir: string | undefined;
let ajv: Ajv | undefined;
/** The strict schemas collected so far, by definition id. */
const schemas = new Map<string, Schema>();
const validators = new Map<string, ValidateFunction>();

/**
 * Sets the directory where compiled validators are cached, for the validators this process has
 * not loaded yet.
 *
 * @param dir the cache directory; `undefined` restores the default,
 *   `node_modules/.cache/cdk8s-webapp-gate/`
 */
export function setSchemaCacheDir(dir: string | undefined): void {
  cacheDir = dir;
}

/**
 * Validates one parsed document against the schema of its `apiVersion` and `kind`. Returns
 * `{ known: false }` when Kubernetes 1.27 serves no such kind.
 */
export function validateSchema(doc: Record<string, unknown>): SchemaResult {
  const { apiVersion, kind } = doc;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return { known: false };
  const id = schemaIdOf(apiVersion, kind);
  if (id === undefined) return { known: false };
  const validate = validatorFor(id);
  if (validate(doc)) return { known: true, errors: [] };
  return { known: true, errors: describeErrors(validate.errors ?? [], doc) };
}

/**
 * Returns the validator of one definition id: loaded from the cache, or compiled and cached on a
 * miss; either way kept for the rest of the process.
 */
function validatorFor(id: string): ValidateFunction {
  let validate = validators.get(id);
  if (validate === undefined) {
    const file = path.join(cacheDir ?? defaultCacheDir(), `${id}-${cacheKey()}.js`);
    validate = readValidator(file) ?? compile(id, file);
    validators.set(id, validate);
  }
  return validate;
}

let key: string | undefined;

/**
 * What decides the code of every validator besides its definition id: the versions of
 * `kubernetes-models` (its schemas), Ajv and ajv-formats, the Ajv options and formats, and the
 * code that makes the schemas strict. A warm run reads only package versions, no schema.
 */
function cacheKey(): string {
  key ??= sha256(
    JSON.stringify({
      format: CACHE_FORMAT,
      versions: {
        kubernetesModels: versionOf(require.resolve('kubernetes-models/package.json')),
        ajv: versionOf(require.resolve('ajv/package.json')),
        ajvFormats: versionOf(require.resolve('ajv-formats/package.json')),
      },
      options: AJV_OPTIONS,
      formats: FORMATS_MODULE,
      quantity: QUANTITY.source,
      strict: [strictSchema, strictNode].map(String),
    }),
  ).slice(0, 16);
  return key;
}

/**
 * Loads the strict schemas of one definition id and those it refers to, compiles its validator
 * and writes its standalone code to `file`.
 */
function compile(id: string, file: string): ValidateFunction {
  loadSchema(id);
  if (ajv === undefined) {
    ajv = new Ajv({
      ...AJV_OPTIONS,
      code: { ...AJV_OPTIONS.code, formats: _`require(${FORMATS_MODULE}).fullFormats` },
    });
    addFormats(ajv);
    ajv.addFormat('quantity', QUANTITY);
  }
  for (const [ref, schema] of schemas) {
    if (ajv.schemas[ref] === undefined) ajv.addSchema(schema, ref);
  }
  const validate = ajv.getSchema(id);
  if (validate === undefined) throw new Error(`gate: kubernetes-models has no schema '${id}'`);
  writeValidator(file, standaloneCode(ajv, validate));
  return validate;
}

let loadSchema: (id: string) => void = (id) => {
  // The first call takes over the schema registry of `kubernetes-models`: each schema module
  // registers its schema and those it refers to, which are kept made strict.
  const modelsDir = path.dirname(require.resolve('kubernetes-models'));
  const modelsRequire = createRequire(require.resolve('kubernetes-models'));
  const registry = modelsRequire('@kubernetes-models/validate') as {
    register: (id: string, schema: Schema) => void;
  };
  registry.register = (ref, schema) => {
    if (!schemas.has(ref)) schemas.set(ref, strictSchema(schema));
  };
  loadSchema = (ref) => {
    const file = path.join(modelsDir, '_schemas', `${moduleNameOf(ref)}.js`);
    (modelsRequire(file) as { addSchema: () => void }).addSchema();
  };
  loadSchema(id);
};

/** `node_modules/.cache/cdk8s-webapp-gate`, in the `node_modules` that holds the schemas. */
function defaultCacheDir(): string {
  const modelsDir = path.dirname(require.resolve('kubernetes-models'));
  return path.join(modelsDir, '..', '.cache', 'cdk8s-webapp-gate');
}

function versionOf(packageJson: string): string {
  return String((JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { version: unknown }).version);
}

/** `io.k8s.api.apps.v1.Deployment` -> `IoK8sApiAppsV1Deployment`, the schema module's name. */
function moduleNameOf(id: string): string {
  return id
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** A Kubernetes resource quantity such as `500m`, `1Gi` or `1e3`. */
const QUANTITY = /^[+-]?(?:\d+|\d+\.\d*|\.\d+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** Keys whose value maps names to schemas, rather than being a schema itself. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions']);
/** Keys whose value is data, never a schema. */
const DATA_KEYS = new Set(['enum', 'required', 'default', 'example', 'const']);

/**
 * Returns a copy of a schema in which every object schema that lists `properties` rejects all
 * other fields (`additionalProperties: false`), unless it declares a map of its own
 * (`additionalProperties`) or keeps unknown fields (`x-kubernetes-preserve-unknown-fields`).
 * Int-or-string and quantity schemas list no properties, so they stay as they are.
 *
 * An optional reference written as `oneOf: [{ $ref }, { type: 'null' }]` becomes
 * `if: { type: 'null' }, else: { $ref }`: null still passes, as the API server accepts it, and a
 * wrong value reports the referenced schema's own errors instead of a bare `oneOf` failure.
 */
export function strictSchema(schema: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DATA_KEYS.has(key)) out[key] = value;
    else if (SCHEMA_MAPS.has(key) && isRecord(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, strictNode(sub)]),
      );
    } else out[key] = strictNode(value);
  }
  const oneOf = out.oneOf;
  if (Array.isArray(oneOf) && oneOf.length === 2) {
    const nullIndex = oneOf.findIndex((s) => isRecord(s) && s.type === 'null');
    if (nullIndex >= 0) {
      delete out.oneOf;
      out.if = { type: 'null' };
      out.else = oneOf[1 - nullIndex];
    }
  }
  if (
    isRecord(out.properties) &&
    out.additionalProperties === undefined &&
    out['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

function strictNode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strictNode);
  return isRecord(value) ? strictSchema(value) : value;
}

/** Turns Ajv's errors into one short message per problem, located by field path. */
function describeErrors(errors: readonly ErrorObject[], doc: unknown): SchemaError[] {
  // A failed `oneOf` (int-or-string, quantity) also reports each branch's failure: fold those
  // into one message.
  const oneOfs = errors.filter((e) => e.keyword === 'oneOf');
  const branches = new Map<ErrorObject, Map<string, string>>();
  const seen = new Set<string>();
  const out: SchemaError[] = [];
  for (const error of errors) {
    if (error.keyword === 'if' || error.keyword === 'oneOf') continue;
    const parent = oneOfs.find(
      (o) =>
        o.instancePath === error.instancePath && error.schemaPath.startsWith(`${o.schemaPath}/`),
    );
    if (parent === undefined) {
      add(error.instancePath, describe(error));
      continue;
    }
    const branch = error.schemaPath.slice(parent.schemaPath.length + 1).split('/')[0];
    const forms = branches.get(parent) ?? new Map<string, string>();
    if (error.keyword === 'type' && !forms.has(branch))
      forms.set(branch, String(error.params.type));
    if (error.keyword === 'format') forms.set(branch, `a valid ${String(error.params.format)}`);
    branches.set(parent, forms);
  }
  for (const o of oneOfs) {
    const forms = [...(branches.get(o)?.values() ?? [])];
    const allowed = forms.length > 0 ? forms.join(' or ') : 'exactly one of the allowed forms';
    add(o.instancePath, { message: `must be ${allowed}, got ${show(o.data)}` });
  }
  return out;

  function add(pointer: string, detail: { step?: string; message: string }): void {
    const where = detail.step === undefined ? pointer : `${pointer}/${escape(detail.step)}`;
    const key = `${where}\n${detail.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ path: pointerToPath(where, doc), message: detail.message });
  }
}

function describe(error: ErrorObject): { step?: string; message: string } {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      return { step: field, message: `unknown field "${field}"` };
    }
    case 'required': {
      const field = String(params.missingProperty);
      return { step: field, message: `missing required field "${field}"` };
    }
    case 'type':
      return { message: `must be ${String(params.type)}, got ${show(error.data)}` };
    case 'enum':
      return {
        message: `must be one of ${(params.allowedValues as unknown[]).map(show).join(', ')}, got ${show(error.data)}`,
      };
    case 'format':
      return { message: `must be a valid ${String(params.format)}, got ${show(error.data)}` };
    default:
      return { message: `${error.message ?? 'is invalid'}, got ${show(error.data)}` };
  }
}

function escape(step: string): string {
  return step.replace(/~/g, '~0').replace(/\//g, '~1');
}

function show(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value) ?? String(value);
}
