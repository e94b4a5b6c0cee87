import { isDeepStrictEqual } from 'util';
import { FieldChange } from './types';
import { isRecord, joinPath, record } from '../../model';

/**
 * The field-level differences between two values, deepest first-differing field per change:
 * maps are compared key by key, lists whose items all have a unique `name` (or `metadata.name`) item by item by name
 * (`containers[web]`), other lists of maps index by index, and lists of scalars as a whole.
 *
 * @param path the path of `before` and `after` themselves (`''` for whole objects)
 */
export function diffFields(before: unknown, after: unknown, path = ''): FieldChange[] {
  const out: FieldChange[] = [];
  walk(before, after, path, out);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: FieldChange[]): void {
  if (isDeepStrictEqual(a, b)) return;
  if (a === undefined) {
    out.push({ path, type: 'added', after: b });
  } else if (b === undefined) {
    out.push({ path, type: 'removed', before: a });
  } else if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) walk(a[key], b[key], joinPath(path, key), out);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    walkList(a, b, path, out);
  } else {
    out.push({ path, type: 'changed', before: a, after: b });
  }
}

function walkList(a: unknown[], b: unknown[], path: string, out: FieldChange[]): void {
  const byNameA = byName(a);
  const byNameB = byName(b);
  if (byNameA !== undefined && byNameB !== undefined) {
    const names = [...byNameA.keys(), ...[...byNameB.keys()].filter((n) => !byNameA.has(n))];
    for (const name of names) walk(byNameA.get(name), byNameB.get(name), `${path}[${name}]`, out);
    return;
  }
  if (a.every(isRecord) && b.every(isRecord)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], joinPath(path, i), out);
    return;
  }
  out.push({ path, type: 'changed', before: a, after: b });
}

/** An item's `name`, or its `metadata.name` (volumeClaimTemplates); `undefined` if none. */
export function nameOf(item: unknown): string | undefined {
  if (!isRecord(item)) return undefined;
  if (typeof item.name === 'string') return item.name;
  const metadata = record(item.metadata);
  return typeof metadata.name === 'string' ? metadata.name : undefined;
}

/** The items of a list by their `name`, when every item has a distinct string `name`. */
function byName(list: readonly unknown[]): Map<string, unknown> | undefined {
  const map = new Map<string, unknown>();
  for (const item of list) {
    const name = nameOf(item);
    if (name === undefined || map.has(name)) return undefined;
    map.set(name, item);
  }
  return map;
}

/** True when `path` is `prefix` or a field inside it. */
export function isUnder(path: string, prefix: string): boolean {
  return (
    path === prefix ||
    path.startsWith(`${prefix}.`) ||
    path.startsWith(`${prefix}[`) ||
    (prefix === '' && path !== '')
  );
}
