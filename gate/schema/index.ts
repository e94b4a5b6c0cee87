/**
 * Strict validation against the Kubernetes 1.27 API definitions, the way kubeconform's `-strict`
 * does it: unknown fields, wrong types and missing required fields are errors. The definitions
 * are committed (definitions.ts), made strict (strict.ts), compiled once into a module of
 * validators (compile.ts) that later runs load (validators.ts); errors are worded in errors.ts.
 */
import { kindValidators } from './validators';
import { SchemaError, describeErrors } from './errors';
import { beyondInt64 } from './int64';

export type { SchemaError } from './errors';
export { setValidatorCacheDir } from './validators';

/** The outcome of validating one document. */
export type SchemaResult =
  { readonly known: true; readonly errors: readonly SchemaError[] } | { readonly known: false };

/**
 * Validates one parsed document against the schema of its `apiVersion` and `kind`. Returns
 * `{ known: false }` when Kubernetes 1.27 serves no such kind.
 */
export function validateSchema(doc: Readonly<Record<string, unknown>>): SchemaResult {
  const { apiVersion, kind } = doc;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return { known: false };
  const { kinds, validator } = kindValidators();
  const name = Object.hasOwn(kinds, `${apiVersion} ${kind}`)
    ? kinds[`${apiVersion} ${kind}`]
    : undefined;
  if (name === undefined) return { known: false };
  const validate = validator(name);
  const errors = validate(doc) ? [] : describeErrors(validate.errors ?? [], doc);
  return { known: true, errors: [...errors, ...beyondInt64(doc)] };
}

/** Every `apiVersion kind` pair the gate knows, for tests and documentation. */
export function knownKinds(): readonly (readonly [apiVersion: string, kind: string])[] {
  return Object.keys(kindValidators().kinds).map((key) => key.split(' ') as [string, string]);
}
