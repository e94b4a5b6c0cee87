/**
 * Typed reading of untyped manifests: a field that is absent, or of another type than the reader
 * expects, reads as empty, so that code that walks any YAML never casts and never crashes.
 */

/** A mapping read from a manifest. */
export type Data = Readonly<Record<string, unknown>>;

const EMPTY: Data = Object.freeze({});

/** True for a plain mapping (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a mapping: `{}` when absent or not a mapping. */
export function record(value: unknown): Data {
  return isRecord(value) ? value : EMPTY;
}

/** The value as a list: `[]` when absent or not a list. */
export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The mappings of a list; other items are skipped. */
export function records(value: unknown): Data[] {
  return list(value).filter(isRecord);
}

/** The value as a string: `''` when absent or not a string. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A label map: the string values of a mapping. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(record(value))) if (typeof v === 'string') out[key] = v;
  return out;
}
