import type { ErrorObject } from 'ajv';
import { pointerToPath } from '../../model';

/** One schema violation, located by a field path inside the document. */
export interface SchemaError {
  /** The field path, such as `spec.template.spec.containers[0].name`; empty for the root. */
  readonly path: string;
  /** What is wrong, such as `unknown field "foo"`. */
  readonly message: string;
}

/** Turns Ajv's errors into one short message per problem, located by field path. */
export function describeErrors(errors: readonly ErrorObject[], doc: unknown): SchemaError[] {
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
