// Runs a TypeScript entry point without type-checking: esbuild bundles the project's own sources
// (packages stay external) into .build/ in a few milliseconds, then the bundle runs in this
// process. Type-checking belongs to `npm run build` and `npm test`, not to every synth.
//
//   node scripts/run-ts.mjs <entry.ts> [args...]
import { buildSync } from 'esbuild';
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
const [bundle] = buildSync({
  entryPoints: [path.resolve(root, entry)],
  outfile,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  write: false,
}).outputFiles;
// Written beside and renamed into place, so runs in parallel never load a half-written bundle.
fs.mkdirSync(path.dirname(outfile), { recursive: true });
fs.writeFileSync(`${outfile}.${process.pid}`, bundle.contents);
fs.renameSync(`${outfile}.${process.pid}`, outfile);
process.argv.splice(1, 2, outfile);
createRequire(import.meta.url)(outfile);
