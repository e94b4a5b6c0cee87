import { ParseArgsConfig, parseArgs } from 'util';
import { emptyValueProblem, usageProblem } from '../../gate/command-line';

const OPTIONS: ParseArgsConfig['options'] = {
  json: { type: 'boolean' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** The usage problem of a command line, as the CLIs word it. */
function problemOf(args: string[], positionals = true, noun?: 'option' | 'argument'): string {
  try {
    parseArgs({ args, options: OPTIONS, allowPositionals: positionals });
  } catch (error) {
    return usageProblem(error, noun);
  }
  throw new Error(`parseArgs accepted ${args.join(' ')}`);
}

describe('usageProblem', () => {
  test.each([
    [['--bogus'], "unknown option '--bogus'"],
    [['--bogus=1'], "unknown option '--bogus'"],
    [['-x'], "unknown option '-x'"],
    [['--out'], "option '--out' needs a value"],
    [['--out', '--json'], "option '--out' needs a value"],
    [['--json=yes'], "option '--json' takes no value"],
    [['--help=yes'], "option '--help' takes no value"],
  ])('words the parseArgs error of %j as %s', (args, message) => {
    expect(problemOf(args)).toBe(message);
  });

  test('calls an unknown option or a positional an argument where nothing is positional', () => {
    expect(problemOf(['--bogus'], false, 'argument')).toBe("unknown argument '--bogus'");
    expect(problemOf(['dist'], false, 'argument')).toBe("unknown argument 'dist'");
  });

  test('rethrows any other error', () => {
    const error = new Error('disk full');
    expect(() => usageProblem(error)).toThrow(error);
  });
});

describe('emptyValueProblem', () => {
  test('names the first option given an empty value', () => {
    expect(emptyValueProblem({ env: 'x', out: '' }, ['env', 'out'])).toBe(
      "option '--out' needs a value",
    );
    expect(emptyValueProblem({ env: 'x' }, ['env', 'out'])).toBeUndefined();
  });
});
