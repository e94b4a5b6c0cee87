import { isRecord } from '../../model';
import { Schema } from './definitions';

/** Keys whose value maps names to schemas, rather than being a schema itself. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions']);
/** Keys whose value is data, never a schema. */
const DATA_KEYS = new Set(['enum', 'required', 'default', 'example', 'const']);

/**
 * Returns a copy of a schema in which every object schema that lists `properties` rejects all
 * other fields (`additionalProperties: false`), unless it declares a map of its own
 * (`additionalProperties`) or keeps unknown fields (`x-kubernetes-preserve-unknown-fields`):
 * kubeconform's `-strict`. Int-or-string and quantity schemas list no properties, so they stay
 * as they are.
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
