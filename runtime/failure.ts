import * as path from 'path';
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

/**
 * The first place in the stack outside Node's own code and the installed packages, relative to
 * the working directory; with source maps enabled, a place in the TypeScript source.
 */
function placeOf(error: Error): string | undefined {
  for (const line of (error.stack ?? '').split('\n').slice(1)) {
    const match = /\(?((?:[A-Za-z]:)?[^():]+):(\d+):(\d+)\)?$/.exec(line.trim());
    if (match === null) continue;
    const [, file, row, column] = match;
    if (file.startsWith('node:') || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    return `${path.relative(process.cwd(), file)}:${row}:${column}`;
  }
  return undefined;
}
