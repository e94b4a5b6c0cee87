import { joinPath } from '../../model';
import { SchemaError } from './errors';

/** 2^63: no integer field of the Kubernetes API (int64 at most) holds this or beyond. */
const INT64_LIMIT = 2 ** 63;

/**
 * The integers of a document beyond what a Kubernetes API field can hold. The schema cannot say
 * it (ajv-formats' `int64` takes any JavaScript integer), but the API server, and kubectl before
 * it, fail to decode such a number. Paths are built only for what is found: this walks every
 * value of every document.
 */
export function beyondInt64(doc: unknown): SchemaError[] {
  const found: SchemaError[] = [];
  const walk = (value: unknown, path: () => string): void => {
    if (typeof value === 'number') {
      if (Number.isInteger(value) && Math.abs(value) >= INT64_LIMIT) {
        const message = `must be an integer of at most 64 bits (±9223372036854775807), got ${value}`;
        found.push({ path: path(), message });
      }
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) walk(value[i], () => joinPath(path(), i));
    } else if (typeof value === 'object' && value !== null) {
      for (const key in value) {
        walk((value as Record<string, unknown>)[key], () => joinPath(path(), key));
      }
    }
  };
  walk(doc, () => '');
  return found;
}
