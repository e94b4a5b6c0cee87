import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { loadObjects, parseObjects } from '../manifests';
import { KubeObject } from '../../model';

/** A `--against` value that is neither a readable folder nor a git revision. */
export class UnknownSourceError extends Error {}

/** Manifests to compare, with how to name them in the report. */
export interface Source {
  /** The objects. */
  readonly objects: readonly KubeObject[];
  /** A short name for the report: `dist/`, `dist/ at HEAD~1`. */
  readonly name: string;
}

/**
 * Reads the manifests `--against` names: a folder (or file) when one exists at that path,
 * otherwise a git revision, whose `dist/` is read with `git ls-tree` and `git show` without
 * touching the working tree. `REV:path` reads another folder at that revision.
 *
 * @param against a folder, a file, `REV` or `REV:path`
 * @param cwd the folder git runs in and relative paths start from
 * @throws UnknownSourceError when it is neither a path nor a revision
 */
export function readSource(against: string, cwd: string): Source {
  const local = path.resolve(cwd, against);
  if (fs.existsSync(local)) return { objects: loadObjects(local), name: displayPath(against) };
  const colon = against.indexOf(':');
  const rev = colon === -1 ? against : against.slice(0, colon);
  const dir = colon === -1 ? 'dist' : against.slice(colon + 1).replace(/\/+$/, '') || '.';
  const commit = git(cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  if (rev === '' || commit === undefined) {
    throw new UnknownSourceError(`'${against}' is neither a folder nor a git revision`);
  }
  const listing = git(cwd, ['ls-tree', '-r', '--name-only', commit.trim(), '--', `${dir}/`]) ?? '';
  const files = listing.split('\n').filter((f) => /\.ya?ml$/.test(f));
  const texts = new Map<string, string>();
  for (const file of files) {
    const text = git(cwd, ['show', `${commit.trim()}:${file}`]);
    if (text === undefined) throw new UnknownSourceError(`cannot read ${file} at ${rev}`);
    texts.set(`${rev}:${file}`, text);
  }
  return { objects: parseObjects(texts), name: `${dir}/ at ${rev}` };
}

function git(cwd: string, args: string[]): string | undefined {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return result.status === 0 ? result.stdout : undefined;
}

/** A folder as the report names it: with a trailing slash. */
export function displayPath(p: string): string {
  return p.endsWith('/') || /\.ya?ml$/.test(p) ? p : `${p}/`;
}
