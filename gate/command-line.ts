/**
 * What the command-line programs (`npm run check`, `npm run diff`, `npm run diagram`) share:
 * usage errors from Node's `util.parseArgs` worded the same way, and problems reported as
 * `<tool>: <problem>` on stderr with exit code 2.
 */

/**
 * Words an error thrown by `util.parseArgs` as a usage problem: `unknown option '--bogus'`,
 * `option '--out' needs a value`, `option '--json' takes no value`. Any other error is rethrown.
 *
 * @param noun what an unknown option is called (`argument` where nothing is positional)
 */
export function usageProblem(error: unknown, noun: 'option' | 'argument' = 'option'): string {
  // By its code, not its class: parseArgs' TypeError may come from another realm (jest's vm).
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || typeof message !== 'string') throw error;
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  // parseArgs names an option as `--out <value>` or `-h, --help`: keep the long name only.
  const option =
    quoted
      .split(/[ ,]+/)
      .filter((word) => word.startsWith('-'))
      .pop() ?? quoted;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown ${noun} '${option}'`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unknown argument '${quoted}'`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // Missing (`--out` last), ambiguous (`--out --env x`), or given to a flag (`--json=1`).
      return message.includes('does not take an argument')
        ? `option '${option}' takes no value`
        : `option '${option}' needs a value`;
    default:
      throw error;
  }
}

/**
 * The first of some string options given an empty value (`--out=`), as a usage problem, which
 * `util.parseArgs` accepts; `undefined` when every value is non-empty.
 */
export function emptyValueProblem(
  values: Readonly<Record<string, unknown>>,
  names: readonly string[],
): string | undefined {
  const empty = names.find((name) => values[name] === '');
  return empty === undefined ? undefined : `option '--${empty}' needs a value`;
}

/**
 * Shows a program's usage: on stdout when help was asked for (exit code 0), or on stderr under
 * the usage problem, as `<tool>: <problem>` (exit code 2).
 *
 * @returns the exit code
 */
export function showUsage(tool: string, usage: string, problem?: string): number {
  if (problem === undefined) {
    console.log(usage);
    return 0;
  }
  console.error(`${tool}: ${problem}\n${usage}`);
  return 2;
}

/** A class of errors, such as `UnreadablePathError`. */
type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Reports the error that ended a program, on stderr: as `<tool>: <message>` when it is of one
 * of the expected classes (its message is meant for the user: a folder that cannot be read, a
 * failed synthesis), whole with its stack otherwise.
 *
 * @returns exit code 2
 */
export function reportFailure(
  tool: string,
  error: unknown,
  expected: readonly ErrorClass[],
): number {
  if (expected.some((type) => error instanceof type)) {
    console.error(`${tool}: ${(error as Error).message}`);
  } else {
    console.error(error);
  }
  return 2;
}
