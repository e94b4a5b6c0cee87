import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Where a synthesis may write, and the proof that a folder it replaces is its own earlier output.
 *
 * A synthesis replaces its output folder as a whole, so the folder must never be anything a
 * person keeps work in. Some folders are refused whatever they hold (the working directory and
 * its parents, the project, the home folder, the filesystem root, anything holding `.git` or
 * `package.json`); any other existing folder is replaced only when it is empty or provably
 * written by an earlier synthesis: its {@link OUTPUT_MARKER} lists every file in it with the
 * SHA-256 of its content, or every file in it is one the new synthesis writes anyway.
 */

/**
 * The file a synthesis writes beside its manifests: `<sha256>  <file>` per manifest, as
 * `sha256sum` prints it. No `.yaml` or `.json` extension, so `kubectl apply -f` skips it.
 */
export const OUTPUT_MARKER = '.synth-output.sha256';

/** An output folder that must not be written or replaced; the message is one line for the user. */
export class OutputFolderError extends Error {}

/** Where the folder's path came from, for messages: `CDK8S_OUTDIR`, `outdir`. */
export interface OutputFolderName {
  /** The setting that named the folder, such as `CDK8S_OUTDIR`. */
  readonly setting: string;
  /** The folder as given, before it was resolved. */
  readonly given: string;
}

/**
 * Resolves an output folder and refuses the ones a synthesis must never replace, whatever they
 * hold: an empty path, the filesystem root, the home folder, the working directory or one of its
 * parents, the project (the nearest folder above the working directory holding `package.json`)
 * or one of its parents, a symbolic link, a file, and a folder under a file.
 *
 * @param outdir the folder as given
 * @param setting the setting that named it, for messages (such as `CDK8S_OUTDIR`)
 * @returns the absolute path
 * @throws OutputFolderError naming the setting, the folder and the reason
 */
export function resolveOutputFolder(outdir: unknown, setting: string): string {
  if (typeof outdir !== 'string') {
    throw new OutputFolderError(
      `${setting} must be a folder path such as 'dist', got ${typeof outdir}`,
    );
  }
  const name = { setting, given: outdir };
  if (outdir.trim() === '') {
    refuse(
      name,
      `is empty, which would name the working directory; set it to a folder for the manifests, such as 'dist', or unset it`,
    );
  }
  const resolved = path.resolve(outdir);
  // As written and with the symbolic links on its way resolved: a linked parent is no way round.
  const places = protectedPlaces();
  for (const dir of new Set([resolved, realPathOf(resolved)])) refuseProtected(name, dir, places);
  for (let dir = path.dirname(resolved); ; dir = path.dirname(dir)) {
    const stat = lstat(dir);
    if (stat !== undefined && !stat.isDirectory() && !stat.isSymbolicLink()) {
      refuse(name, `lies under '${dir}', which is a file`);
    }
    if (path.dirname(dir) === dir) break;
  }
  const stat = lstat(resolved);
  if (stat?.isSymbolicLink()) refuse(name, 'is a symbolic link; give the folder it points to');
  if (stat !== undefined && !stat.isDirectory()) refuse(name, 'is a file, not a folder');
  return resolved;
}

/**
 * Refuses to replace an existing folder unless it is empty, or provably the output of an earlier
 * synthesis: its {@link OUTPUT_MARKER} names every entry with its unchanged content, or it holds
 * nothing but files that the new synthesis writes too. Never refused: a folder that does not
 * exist.
 *
 * @param dir the folder about to be replaced (absolute)
 * @param name how messages name it
 * @param written the file names the new synthesis writes
 * @throws OutputFolderError naming the folder, the first foreign entry and what to do
 */
export function assertReplaceable(
  dir: string,
  name: OutputFolderName,
  written: ReadonlySet<string>,
): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    refuse(name, `cannot be read: ${(error as Error).message}`);
  }
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    refuse(
      name,
      'is read-only, so its old files could not be removed; make it writable or choose another folder',
    );
  }
  const keeps = entries.find((e) => e.name === '.git' || e.name === 'package.json');
  if (keeps !== undefined) refuse(name, `holds '${keeps.name}', so it is not an output folder`);
  const recorded = readMarker(dir);
  for (const entry of entries) {
    if (entry.name === OUTPUT_MARKER && recorded !== undefined) continue;
    const hash = recorded?.get(entry.name);
    const ours =
      entry.isFile() &&
      (hash === undefined
        ? recorded === undefined && written.has(entry.name)
        : hash === sha256File(path.join(dir, entry.name)));
    if (!ours) {
      const why =
        hash === undefined
          ? `holds '${entry.name}', which no synthesis wrote`
          : `holds '${entry.name}', changed since it was synthesized`;
      refuse(name, `${why}; move it away or remove the folder yourself, then synthesize again`);
    }
  }
}

/** Writes the marker of a folder of freshly written manifests: every file with its SHA-256. */
export function writeMarker(dir: string, files: readonly string[]): void {
  const lines = [...files].sort().map((file) => `${sha256File(path.join(dir, file))}  ${file}\n`);
  fs.writeFileSync(path.join(dir, OUTPUT_MARKER), lines.join(''));
}

/** The files a marker lists, with their hashes; `undefined` when there is no readable marker. */
function readMarker(dir: string): Map<string, string> | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, OUTPUT_MARKER), 'utf8');
  } catch {
    return undefined;
  }
  const listed = new Map<string, string>();
  for (const line of text.split('\n').filter(Boolean)) {
    const match = /^([0-9a-f]{64}) {2}([^/\\]+)$/.exec(line);
    if (match === null) return undefined;
    listed.set(match[2], match[1]);
  }
  return listed;
}

function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The nearest folder at or above `dir` that holds `package.json`. */
function projectRoot(dir: string): string | undefined {
  for (let at = dir; ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, 'package.json'))) return at;
    if (path.dirname(at) === at) return undefined;
  }
}

/** The home folder, the working directory and the project, each as written and as real paths. */
interface ProtectedPlaces {
  readonly homes: ReadonlySet<string>;
  readonly cwds: ReadonlySet<string>;
  readonly projects: ReadonlySet<string>;
}

function protectedPlaces(): ProtectedPlaces {
  const cwds = new Set([process.cwd(), fs.realpathSync(process.cwd())]);
  const projects = [...cwds].map(projectRoot).filter((p): p is string => p !== undefined);
  return {
    homes: new Set([os.homedir(), realPathOf(os.homedir())]),
    cwds,
    projects: new Set(projects),
  };
}

/** Refuses the filesystem root, the home folder, the working directory and the project. */
function refuseProtected(name: OutputFolderName, dir: string, places: ProtectedPlaces): void {
  if (path.parse(dir).root === dir) refuse(name, 'is the filesystem root');
  if (places.homes.has(dir)) refuse(name, 'is the home folder');
  for (const cwd of places.cwds) {
    if (contains(dir, cwd)) refuse(name, 'is the working directory or one of its parents');
  }
  for (const project of places.projects) {
    if (contains(dir, project)) refuse(name, `is the project ('${project}') or one of its parents`);
  }
}

/** A path with the symbolic links of the part of it that exists resolved. */
function realPathOf(file: string): string {
  const missing: string[] = [];
  for (let at = file; ; at = path.dirname(at)) {
    try {
      return path.join(fs.realpathSync(at), ...missing);
    } catch {
      if (path.dirname(at) === at) return file;
      missing.unshift(path.basename(at));
    }
  }
}

/** Whether `outer` is `inner` or one of its parents. */
function contains(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Whether two folders are one, or one holds the other. */
export function overlap(a: string, b: string): boolean {
  return contains(a, b) || contains(b, a);
}

function lstat(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

function refuse(name: OutputFolderName, why: string): never {
  throw new OutputFolderError(`${name.setting} '${name.given}' ${why}`);
}
