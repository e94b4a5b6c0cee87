// Runs a TypeScript entry point without type-checking: esbuild bundles it into .build/ in a few
// hundred milliseconds, then the bundle runs in this process. Type-checking belongs to
// `npm run build` and `npm test`, not to every synth.
//
// The bundle holds the packages too (cdk8s, constructs, the YAML writers), so that start-up reads
// one file instead of resolving and reading hundreds, and its compiled code is cached
// (`code-cache.cjs`). A source map is written beside it (`<bundle>.js.map`), which nothing reads
// unless a program reports a bug: `runtime/failure.ts` maps the place back to the TypeScript.
//
// A bundle is reused while every source it was built from has the same content: the record
// beside it names the entry and lists each source by its path relative to the project root with
// the SHA-256 of its content, so a copied project, a second working copy or a file rewritten with
// its old modification time never runs another tree's code, and an entry whose bundle name it
// shares (`a-b/c.ts` and `a/b-c.ts` are both `.build/a-b-c.js`) never runs the other's. The record
// also keeps each file's inode, size, modification and change times: while those are all the same
// the file was not written (a write sets the change time, which no one can set back), and its
// content is not read again. A source written while esbuild was reading the sources may be in
// the bundle in its old content: the record is then not written, and the next run bundles again.
//
//   node scripts/run-ts.mjs <entry.ts> [args...]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <entry.ts> [args...]');
  process.exit(2);
}
// Named after the entry's path (tools/diff/cli.ts -> .build/tools-diff-cli.js), so entries that
// share a file name never share a bundle; the few paths that still meet on one name are told
// apart by the record, which names its entry.
const entryName = path.relative(root, path.resolve(root, entry));
const outfile = path.join(
  root,
  '.build',
  entryName.replace(/\.ts$/, '.js').split(path.sep).join('-'),
);
const mapFile = `${outfile}.map`;
const sourcesFile = `${outfile}.sources.json`;

if (!isFresh()) await bundle();
process.argv.splice(1, 2, outfile);
const require = createRequire(import.meta.url);
require('./code-cache.cjs').install(path.join(root, '.build', 'code-cache'));
require(outfile);

/**
 * Whether the bundle and its source map exist, were built from this entry, and every source they
 * were built from still has the same content; a source whose content is the same but whose file
 * changed (a copy, a checkout) gets its new stamp recorded, so the next run need not read it.
 */
function isFresh() {
  try {
    const record = JSON.parse(fs.readFileSync(sourcesFile, 'utf8'));
    if (record.entry !== entryName || !fs.existsSync(outfile) || !fs.existsSync(mapFile)) {
      return false;
    }
    let restamped = false;
    for (const [file, recorded] of Object.entries(record.sources)) {
      const absolute = path.join(root, file);
      const stamp = stampOf(fs.statSync(absolute, { bigint: true }));
      if (stamp === recorded.stamp) continue;
      if (hashOf(absolute) !== recorded.hash) return false;
      record.sources[file] = { ...recorded, stamp };
      restamped = true;
    }
    if (restamped) writeRecord(record);
    return true;
  } catch {
    return false;
  }
}

/**
 * Bundles the entry with its source map, and records its sources' content hashes unless one of
 * them was written after the build started.
 */
async function bundle() {
  const { buildSync } = await import('esbuild');
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  // The old record goes first: it must never describe the new bundle.
  fs.rmSync(sourcesFile, { force: true });
  const started = fileSystemNow();
  const { outputFiles, metafile } = buildSync({
    absWorkingDir: root,
    entryPoints: [path.resolve(root, entry)],
    outfile,
    bundle: true,
    // Ajv is resolved by path to compile the gate's validators (rarely: they are cached), and
    // Graphviz loads its WebAssembly beside its own file: both stay in node_modules.
    external: ['ajv', 'ajv-formats', '@hpcc-js/wasm-graphviz'],
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    // Positions only: a place is all `runtime/failure.ts` needs, and the map stays small.
    sourcemap: true,
    sourcesContent: false,
    metafile: true,
    write: false,
  });
  // This script counts as a source too: a change to how it bundles rebuilds every bundle.
  const files = [fileURLToPath(import.meta.url), ...Object.keys(metafile.inputs)];
  const sources = {};
  let written = false;
  for (const input of files) {
    const file = path.resolve(root, input);
    const hash = hashOf(file);
    // Its times, taken after its content was read: a write before or after the read shows here.
    const stat = fs.statSync(file, { bigint: true });
    written ||= stat.mtimeNs >= started || stat.ctimeNs >= started;
    sources[path.relative(root, file)] = { hash, stamp: stampOf(stat) };
  }
  // Written beside and renamed into place, so runs in parallel never load a half-written bundle;
  // the map before the bundle that names it.
  const contents = (file) => outputFiles.find((output) => output.path === file).contents;
  writeAtomically(mapFile, contents(mapFile));
  writeAtomically(outfile, contents(outfile));
  if (!written) writeRecord({ entry: entryName, sources });
}

/**
 * The file system's time now, as it stamps a file written now: file times come from a coarser
 * clock than `Date.now()` (a kernel tick, or whole seconds on some file systems), so a file
 * written just after `Date.now()` may be stamped a little before it.
 */
function fileSystemNow() {
  const probe = `${outfile}.started.${process.pid}`;
  try {
    fs.writeFileSync(probe, '');
    return fs.statSync(probe, { bigint: true }).mtimeNs;
  } finally {
    fs.rmSync(probe, { force: true });
  }
}

/** What changes whenever a file is written: its inode, size, modification and change times. */
function stampOf({ ino, size, mtimeNs, ctimeNs }) {
  return `${ino}:${size}:${mtimeNs}:${ctimeNs}`;
}

/** Writes the record; one that cannot be written only costs the next run a build. */
function writeRecord(record) {
  try {
    writeAtomically(sourcesFile, JSON.stringify(record));
  } catch {
    // The bundle is still good for this run.
  }
}

function hashOf(file) {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Writes beside the file and renames into place; a write that fails leaves nothing behind. */
function writeAtomically(file, contents) {
  const temp = `${file}.${process.pid}`;
  try {
    fs.writeFileSync(temp, contents);
    fs.renameSync(temp, file);
  } catch (error) {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // The folder cannot be written at all: nothing was left behind.
    }
    throw error;
  }
}
