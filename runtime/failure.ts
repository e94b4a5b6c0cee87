import * as fs from 'fs';
import { SourceMap, SourceMapPayload } from 'module';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { inspect } from 'util';

/** Errors that are bugs in a program rather than bad input: they get their type and place. */
const PROGRAMMING_ERRORS = [
  TypeError,
  ReferenceError,
  RangeError,
  SyntaxError,
  EvalError,
  URIError,
];

/**
 * What went wrong, for one `error: ...` line: a bad prop or a failed check is the user's to fix,
 * so it is its message alone; a programming error is its type, message and the place it was
 * thrown (`TypeError: x is not a function (at app/web-chart.ts:12:5)`); anything thrown that is
 * not an Error is shown as a value.
 */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) {
    return `the program threw ${inspect(error, { breakLength: Infinity, depth: 4 })}, which is not an Error`;
  }
  if (!PROGRAMMING_ERRORS.some((type) => error instanceof type)) return error.message;
  const place = placeOf(error);
  return `${error.name}: ${error.message}${place === undefined ? '' : ` (at ${place})`}`;
}

/** A place in a source file, its line and column counted from 1 as in a stack trace. */
interface Place {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * The first place in the stack outside Node's own code and the installed packages, relative to
 * the working directory. A place in a bundle with a source map beside it (`scripts/run-ts.mjs`
 * writes `<bundle>.js.map`) is mapped back to the TypeScript source, and the packages bundled
 * into it count as installed ones; maps are read only here, when a bug is being described.
 */
function placeOf(error: Error): string | undefined {
  const maps = new Map<string, SourceMap | undefined>();
  for (const line of (error.stack ?? '').split('\n').slice(1)) {
    // `at f (file:1:2)`, `at async f (file:1:2)`, or `at file:1:2` for an anonymous function.
    const match = /^at (?:.* \()?((?:[A-Za-z]:)?[^():]+):(\d+):(\d+)\)?$/.exec(line.trim());
    if (match === null || isOutside(match[1])) continue;
    const [, file, row, column] = match;
    const place = originalPlace({ file, line: Number(row), column: Number(column) }, maps);
    if (place === undefined || isOutside(place.file)) continue;
    return `${path.relative(process.cwd(), place.file)}:${place.line}:${place.column}`;
  }
  return undefined;
}

/** Whether a file is Node's own code or an installed package's. */
function isOutside(file: string): boolean {
  return file.startsWith('node:') || file.split(/[\\/]/).includes('node_modules');
}

/**
 * Where a place in a generated file comes from, when the file has a source map beside it: the
 * place itself when it has none, `undefined` when the map says nothing of it (the bundler's own
 * helpers).
 */
function originalPlace(place: Place, maps: Map<string, SourceMap | undefined>): Place | undefined {
  if (!maps.has(place.file)) maps.set(place.file, readSourceMap(`${place.file}.map`));
  const map = maps.get(place.file);
  if (map === undefined) return place;
  const entry = map.findEntry(place.line - 1, place.column - 1);
  if (!('originalSource' in entry)) return undefined;
  const source = entry.originalSource;
  return {
    file: source.startsWith('node:')
      ? source
      : source.startsWith('file:')
        ? fileURLToPath(source)
        : path.resolve(path.dirname(place.file), source),
    line: entry.originalLine + 1,
    column: entry.originalColumn + 1,
  };
}

function readSourceMap(file: string): SourceMap | undefined {
  try {
    return new SourceMap(JSON.parse(fs.readFileSync(file, 'utf8')) as SourceMapPayload);
  } catch {
    return undefined;
  }
}
