import { isDeepStrictEqual } from 'util';
import { nameOf } from './fields';
import { identityOf, isRecord, joinPath } from '../../model';

/** How alike two objects' field paths must be (shared / all) to count as one renamed object. */
const MIN_SIMILARITY = 0.9;

/** A removed and an added manifest taken to be the same object under a new name. */
export interface RenamePair {
  /** The removed manifest. */
  readonly before: unknown;
  /** The added manifest. */
  readonly after: unknown;
}

/**
 * Pairs removed and added manifests that describe one object under a new name: the same group,
 * kind and namespace, the same labels and nearly the same set of field paths, as they are or
 * once each one's own name is blanked out wherever it appears (labels, selectors, container
 * names). Each manifest is
 * paired at most once, the most alike first.
 */
export function findRenames(removed: readonly unknown[], added: readonly unknown[]): RenamePair[] {
  const candidates: { before: unknown; after: unknown; score: number }[] = [];
  for (const before of removed) {
    const a = identityOf(before);
    for (const after of added) {
      const b = identityOf(after);
      if (a.group !== b.group || a.kind !== b.kind || a.namespace !== b.namespace) continue;
      const score = Math.max(
        similarity(before, after),
        similarity(anonymize(before, a.name), anonymize(after, b.name)),
      );
      if (score >= MIN_SIMILARITY) candidates.push({ before, after, score });
    }
  }
  candidates.sort((x, y) => y.score - x.score);
  const used = new Set<unknown>();
  const pairs: RenamePair[] = [];
  for (const c of candidates) {
    if (used.has(c.before) || used.has(c.after)) continue;
    used.add(c.before);
    used.add(c.after);
    pairs.push({ before: c.before, after: c.after });
  }
  return pairs;
}

/** 0 when the labels differ, else the share of field paths both have (Jaccard index). */
function similarity(a: unknown, b: unknown): number {
  if (!isDeepStrictEqual(labelsOf(a), labelsOf(b))) return 0;
  const pathsA = new Set(leafPaths(a, ''));
  const pathsB = new Set(leafPaths(b, ''));
  const shared = [...pathsA].filter((p) => pathsB.has(p)).length;
  const all = new Set([...pathsA, ...pathsB]).size;
  return all === 0 ? 1 : shared / all;
}

function labelsOf(doc: unknown): unknown {
  return isRecord(doc) && isRecord(doc.metadata) ? (doc.metadata.labels ?? {}) : {};
}

/** The manifest with its own name replaced by a placeholder in every string. */
function anonymize(value: unknown, name: string): unknown {
  if (typeof value === 'string') return name === '' ? value : value.split(name).join('\u0000');
  if (Array.isArray(value)) return value.map((v) => anonymize(v, name));
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, anonymize(v, name)]));
  }
  return value;
}

/** The path of every scalar, list items by name where they have one. */
function leafPaths(value: unknown, path: string): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) =>
      leafPaths(item, nameOf(item) === undefined ? joinPath(path, i) : `${path}[${nameOf(item)}]`),
    );
  }
  if (isRecord(value)) {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, joinPath(path, k)));
  }
  return [path];
}
