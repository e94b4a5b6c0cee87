// The stock cdk8s way to run a TypeScript app, `ts-node main.ts`, rebuilt for `npm run bench`
// from the TypeScript compiler the project already has (ts-node is not installed): type-check the
// entry point and everything it imports with the project's tsconfig, then compile each `.ts` file
// as it is required and run the program in this process.
//
//   node scripts/bench-ts-node.mjs <entry.ts> [args...]
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const entry = path.resolve(process.argv[2] ?? '');
if (!process.argv[2]) {
  console.error('usage: node scripts/bench-ts-node.mjs <entry.ts> [args...]');
  process.exit(2);
}
const configFile = ts.findConfigFile(path.dirname(entry), ts.sys.fileExists, 'tsconfig.json');
const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configFile));

const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram([entry], options));
if (diagnostics.length > 0) {
  const host = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => '\n',
  };
  console.error(ts.formatDiagnostics(diagnostics, host));
  process.exit(1);
}

const compilerOptions = { ...options, module: ts.ModuleKind.CommonJS, noEmit: false };
Module._extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
process.argv.splice(1, 2, entry);
createRequire(import.meta.url)(entry);
