import { joinPath } from '../../model';
import { SchemaError } from './errors';

/** 2^63: no integer field of the Kubernetes API (int64 at most) holds this or beyond. */
const INT64_LIMIT = 2 ** 63;

/**
 * The integers of a document beyond what a Kubernetes API field can hold. The schema cannot say
 * it (ajv-formats' `int64` takes any JavaScript integer), but the API server, and kubectl before
 * it, fail to decode such a number.
 */
export function beyondInt64(value: unknown, path = ''): SchemaError[] {
  if (typeof value === 'number') {
    return Number.isInteger(value) && Math.abs(value) >= INT64_LIMIT
      ? [
          {
            path,
            message: `must be an integer of at most 64 bits (±9223372036854775807), got ${value}`,
          },
        ]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => beyondInt64(v, joinPath(path, i)));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => beyondInt64(v, joinPath(path, k)));
  }
  return [];
}
