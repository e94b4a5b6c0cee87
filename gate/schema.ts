import * as path from 'path';
import { createRequire } from 'module';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { schemaIdOf } from './kinds';
import { isRecord, pointerToPath } from './paths';

/**
 * Strict validation against the Kubernetes 1.27 OpenAPI schemas, the way kubeconform's `-strict`
 * does it: unknown fields, wrong types and missing required fields are errors.
 *
 * The schemas come from the `kubernetes-models` npm package (4.3.x: Kubernetes 1.27.1). Each of
 * its `_schemas/<Id>.js` modules holds one plain JSON schema and an `addSchema()` that registers
 * it, and the schemas it refers to, through `register(id, schema)` of
 * `@kubernetes-models/validate`. The gate takes that `register` over to collect the schemas into
 * its own Ajv instance, after making every object schema that lists `properties` reject all other
 * fields. Only the kinds that a run meets are loaded and compiled, each once.
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

let ajv: Ajv | undefined;
let loadSchemaModule: ((id: string) => void) | undefined;
const validators = new Map<string, ValidateFunction>();

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

/** Compiles the validator of one definition id on first use and keeps it. */
function validatorFor(id: string): ValidateFunction {
  let validate = validators.get(id);
  if (validate === undefined) {
    const instance = setUp();
    loadSchemaModule?.(id);
    validate = instance.getSchema(id);
    if (validate === undefined) throw new Error(`gate: kubernetes-models has no schema '${id}'`);
    validators.set(id, validate);
  }
  return validate;
}

/** Creates the Ajv instance and takes over the schema registry of `kubernetes-models`. */
function setUp(): Ajv {
  if (ajv !== undefined) return ajv;
  const instance = new Ajv({
    allErrors: true,
    verbose: true,
    strict: false,
    inlineRefs: false,
    code: { optimize: false },
  });
  addFormats(instance);
  instance.addFormat('quantity', QUANTITY);
  const modelsRequire = createRequire(require.resolve('kubernetes-models'));
  const schemaDir = path.join(path.dirname(require.resolve('kubernetes-models')), '_schemas');
  const registry = modelsRequire('@kubernetes-models/validate') as {
    register: (id: string, schema: Schema) => void;
  };
  registry.register = (id, schema) => {
    if (instance.getSchema(id) === undefined) instance.addSchema(strictSchema(schema), id);
  };
  loadSchemaModule = (id) => {
    const file = path.join(schemaDir, `${moduleNameOf(id)}.js`);
    (modelsRequire(file) as { addSchema: () => void }).addSchema();
  };
  ajv = instance;
  return instance;
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
