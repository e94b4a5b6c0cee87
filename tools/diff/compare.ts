import { isDeepStrictEqual } from 'util';
import { UnflaggedChange, consequencesOf } from './consequences';
import { diffFields } from './fields';
import { findRenames } from './renames';
import { Change } from './types';
import { identityOf, keyOf } from '../../model';

/**
 * What applying `after` over `before` would change: objects added, removed, changed (with their
 * field changes) and renamed (removed and added alike, so deleted and created), each with the
 * consequences for a running system. Objects are the same when their API group, kind, namespace
 * and name are. Pure: the same input gives the same output, sorted by namespace, kind and name.
 *
 * @param before the manifests now applied (such as `dist/`)
 * @param after the manifests about to be applied
 */
export function compare(before: readonly unknown[], after: readonly unknown[]): Change[] {
  const old = byKey(before);
  const now = byKey(after);
  const changes: UnflaggedChange[] = [];
  const removed: unknown[] = [];
  const added: unknown[] = [];
  for (const [key, doc] of old) {
    const next = now.get(key);
    if (next === undefined) removed.push(doc);
    else if (!isDeepStrictEqual(doc, next)) {
      changes.push({
        type: 'changed',
        id: identityOf(next),
        before: doc,
        after: next,
        fields: diffFields(doc, next),
      });
    }
  }
  for (const [key, doc] of now) if (!old.has(key)) added.push(doc);
  const renames = findRenames(removed, added);
  const paired = new Set(renames.flatMap((r) => [r.before, r.after]));
  for (const { before: from, after: to } of renames) {
    changes.push({
      type: 'renamed',
      id: identityOf(to),
      from: identityOf(from),
      before: from,
      after: to,
      fields: diffFields(from, to),
    });
  }
  for (const doc of removed.filter((d) => !paired.has(d))) {
    changes.push({ type: 'removed', id: identityOf(doc), before: doc, fields: [] });
  }
  for (const doc of added.filter((d) => !paired.has(d))) {
    changes.push({ type: 'added', id: identityOf(doc), after: doc, fields: [] });
  }
  return changes.map((c) => ({ ...c, flags: consequencesOf(c) })).sort(byIdentity);
}

function byKey(docs: readonly unknown[]): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const doc of docs)
    if (doc !== null && doc !== undefined) map.set(keyOf(identityOf(doc)), doc);
  return map;
}

function byIdentity(a: Change, b: Change): number {
  const key = (c: Change): string[] => [
    c.id.namespace === '' ? '' : `~${c.id.namespace}`,
    c.id.kind,
    c.id.name,
    c.id.group,
  ];
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}
