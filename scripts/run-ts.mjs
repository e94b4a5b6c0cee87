// Runs a TypeScript entry point without type-checking: esbuild bundles the project's own sources
// (packages stay external) into .build/ in a few milliseconds, then the bundle runs in this
// process. Type-checking belongs to `npm run build` and `npm test`, not to every synth. A bundle
// whose sources are all unchanged since it was built (same modification times) is reused.
//
//   node scripts/run-ts.mjs <entry.ts> [args...]
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
createRequire(import.meta.url)(outfile);

/** Whether the bundle exists and none of the sources it was built from has changed since. */
function isFresh() {
  try {
    const sources = JSON.parse(fs.readFileSync(sourcesFile, 'utf8'));
    return (
      fs.existsSync(outfile) &&
      Object.entries(sources).every(([file, mtime]) => fs.statSync(file).mtimeMs === mtime)
    );
  } catch {
    return false;
  }
}

/** Bundles the entry and records its sources' modification times. */
async function bundle() {
  const { buildSync } = await import('esbuild');
  const { outputFiles, metafile } = buildSync({
    absWorkingDir: root,
    entryPoints: [path.resolve(root, entry)],
    outfile,
    bundle: true,
    packages: 'external',
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
      return [file, fs.statSync(file).mtimeMs];
    }),
  );
  // Written beside and renamed into place, so runs in parallel never load a half-written bundle.
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  writeAtomically(outfile, outputFiles[0].contents);
  writeAtomically(sourcesFile, JSON.stringify(sources));
}

function writeAtomically(file, contents) {
  fs.writeFileSync(`${file}.${process.pid}`, contents);
  fs.renameSync(`${file}.${process.pid}`, file);
}
