import { joinPath } from '../../model';
import { SchemaError } from './errors';

/** 2^63: no integer field of the Kubernetes API (int64 at most) holds this or beyond. */
const INT64_LIMIT = 2 ** 63;

/**
 * The integers of a document beyond what a Kubernetes API field can hold. The schema cannot say
 * it (ajv-formats' `int64` takes any JavaScript integer), but the API server, and kubectl before
 * it, fail to decode such a number. It walks every value of every document, so it allocates
 * nothing but what it finds: the steps to the current value are one stack.
 */
export function beyondInt64(doc: unknown): SchemaError[] {
  const found: SchemaError[] = [];
  const steps: (string | number)[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'number') {
      if (Number.isInteger(value) && Math.abs(value) >= INT64_LIMIT) {
        found.push({
          path: steps.reduce<string>((path, step) => joinPath(path, step), ''),
          message: `must be an integer of at most 64 bits (±9223372036854775807), got ${value}`,
        });
      }
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        steps.push(i);
        walk(value[i]);
        steps.pop();
      }
      return;
    }
    for (const key in value) {
      steps.push(key);
      walk((value as Record<string, unknown>)[key]);
      steps.pop();
    }
  };
  walk(doc);
  return found;
}
