// Runs a TypeScript entry point without type-checking: esbuild bundles it into .build/ in a few
// hundred milliseconds, then the bundle runs in this process. Type-checking belongs to
// `npm run build` and `npm test`, not to every synth.
//
// The bundle holds the packages too (cdk8s, constructs, the YAML writers), so that start-up reads
// one file instead of resolving and reading hundreds, and its compiled code is cached
// (`code-cache.cjs`).
//
// A bundle is reused while every source it was built from has the same content: the record
// beside it lists each source by its path relative to the project root with the SHA-256 of its
// content, so a copied project, a second working copy or a file rewritten with its old
// modification time never runs another tree's code. The record also keeps each file's inode,
// size, modification and change times: while those are all the same the file was not written
// (a write sets the change time, which no one can set back), and its content is not read again.
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
// share a file name never share a bundle.
const bundleName = path.relative(root, path.resolve(root, entry)).replace(/\.ts$/, '.js');
const outfile = path.join(root, '.build', bundleName.split(path.sep).join('-'));
const sourcesFile = `${outfile}.sources.json`;

if (!isFresh()) await bundle();
process.argv.splice(1, 2, outfile);
const require = createRequire(import.meta.url);
require('./code-cache.cjs').install(path.join(root, '.build', 'code-cache'));
require(outfile);

/**
 * Whether the bundle exists and every source it was built from still has the same content; a
 * source whose content is the same but whose file changed (a copy, a checkout) gets its new
 * stamp recorded, so the next run need not read it.
 */
function isFresh() {
  try {
    const sources = JSON.parse(fs.readFileSync(sourcesFile, 'utf8'));
    if (!fs.existsSync(outfile)) return false;
    let restamped = false;
    for (const [file, recorded] of Object.entries(sources)) {
      const absolute = path.join(root, file);
      const stamp = stampOf(absolute);
      if (stamp === recorded.stamp) continue;
      if (hashOf(absolute) !== recorded.hash) return false;
      sources[file] = { ...recorded, stamp };
      restamped = true;
    }
    if (restamped) writeAtomically(sourcesFile, JSON.stringify(sources));
    return true;
  } catch {
    return false;
  }
}

/** Bundles the entry and records its sources' content hashes. */
async function bundle() {
  const { buildSync } = await import('esbuild');
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
    metafile: true,
    write: false,
  });
  // This script counts as a source too: a change to how it bundles rebuilds every bundle.
  const files = [fileURLToPath(import.meta.url), ...Object.keys(metafile.inputs)];
  const sources = Object.fromEntries(
    files.map((input) => {
      const file = path.resolve(root, input);
      return [path.relative(root, file), { hash: hashOf(file), stamp: stampOf(file) }];
    }),
  );
  // Written beside and renamed into place, so runs in parallel never load a half-written bundle.
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  writeAtomically(outfile, outputFiles[0].contents);
  writeAtomically(sourcesFile, JSON.stringify(sources));
}

/** What changes whenever a file is written: its inode, size, modification and change times. */
function stampOf(file) {
  const { ino, size, mtimeNs, ctimeNs } = fs.statSync(file, { bigint: true });
  return `${ino}:${size}:${mtimeNs}:${ctimeNs}`;
}

function hashOf(file) {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function writeAtomically(file, contents) {
  fs.writeFileSync(`${file}.${process.pid}`, contents);
  fs.renameSync(`${file}.${process.pid}`, file);
}
