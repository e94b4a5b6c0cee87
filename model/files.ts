import * as fs from 'fs';
import * as path from 'path';

/** The files kubectl reads from a folder (JSON is YAML too). */
const MANIFEST_FILE = /\.(ya?ml|json)$/;

/** A folder or file that cannot be read; the CLIs turn it into exit code 2. */
export class UnreadablePathError extends Error {}

/**
 * Lists the files `kubectl apply -f` reads under each folder, `*.yaml`, `*.yml` and `*.json`,
 * recursively and sorted, so that runs are reproducible. A path that is a file is taken as it is.
 *
 * @throws UnreadablePathError if a path does not exist or cannot be read
 */
export function findManifestFiles(dirs: readonly string[]): string[] {
  const files: string[] = [];
  for (const dir of dirs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(dir);
    } catch (e) {
      throw new UnreadablePathError(`cannot read '${dir}': ${(e as Error).message}`);
    }
    if (stat.isFile()) files.push(dir);
    else walk(dir, files);
  }
  return files;
}

function walk(dir: string, into: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new UnreadablePathError(`cannot read '${dir}': ${(e as Error).message}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, into);
    else if (MANIFEST_FILE.test(entry.name)) into.push(full);
  }
}

/** The text of a file. @throws UnreadablePathError when it cannot be read */
export function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UnreadablePathError(`cannot read '${file}': ${(e as Error).message}`);
  }
}
