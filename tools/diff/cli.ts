/**
 * `npm run diff -- [--against DIR|GIT-REV] [--new DIR] [--skip-check] [--color|--no-color]`:
 * synthesizes the app into a temporary folder and shows what `kubectl apply` would change
 * compared with `dist/` (or the folder, or `dist/` at the git revision, named by `--against`).
 * Exit code 0: no change; 1: changes; 2: apply would fail, or the diff could not be made.
 */
import { parseArgs } from 'util';
import { ManifestReadError, loadObjects } from '../manifests';
import { SynthError, removeSynthesized, synthesizeApp } from '../synth';
import { compare } from './compare';
import { deployOrderChange } from './deploy-order';
import { formatChanges } from './format';
import { UnknownSourceError, displayPath, readSource } from './sources';
import { emptyValueProblem, reportFailure, showUsage, usageProblem } from '../../gate/command-line';
import { DeployOrderError, UnreadablePathError } from '../../model';

const USAGE = `usage: npm run diff -- [--against DIR|GIT-REV] [--new DIR] [--skip-check] [--color|--no-color]

Synthesizes the app (as \`npm run synth\` does, APP_ENV included) into a temporary folder and
shows what applying it would change compared with the manifests now applied.

  --against DIR|REV  compare with this folder, or with dist/ at this git revision
                     (REV:path for another folder at that revision); default: dist
  --new DIR          compare DIR instead of synthesizing the app
  --skip-check       synthesize without the manifest gate
  --color, --no-color
                     color the output (default: when stdout is a terminal and NO_COLOR is unset)
  -h, --help         show this help

Exit status: 0 no changes, 1 changes, 2 apply would fail or the diff could not be made.`;

interface Options {
  against: string;
  newDir?: string;
  skipCheck: boolean;
  color: boolean;
}

/** Reads the arguments; a string is a usage error. */
function readArgs(args: readonly string[]): Options | 'help' | string {
  try {
    const { values, tokens } = parseArgs({
      args: [...args],
      options: {
        against: { type: 'string', default: 'dist' },
        new: { type: 'string' },
        'skip-check': { type: 'boolean', default: false },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      tokens: true,
    });
    if (values.help) return 'help';
    const empty = emptyValueProblem(values, ['against', 'new']);
    if (empty !== undefined) return empty;
    // The last of --color and --no-color wins; neither: color a terminal unless NO_COLOR is set.
    const color = tokens
      .flatMap((t) => (t.kind === 'option' && /^(no-)?color$/.test(t.name) ? [t.name] : []))
      .pop();
    return {
      against: values.against,
      newDir: values.new,
      skipCheck: values['skip-check'],
      color:
        color === undefined
          ? process.stdout.isTTY === true && !process.env.NO_COLOR
          : color === 'color',
    };
  } catch (e) {
    return usageProblem(e, 'argument');
  }
}

/** Runs the CLI with the given arguments and returns its exit code. */
export function main(args: readonly string[]): number {
  const options = readArgs(args);
  if (options === 'help') return showUsage('diff', USAGE);
  if (typeof options === 'string') return showUsage('diff', USAGE, options);
  let synthesized: string | undefined;
  try {
    const before = readSource(options.against, process.cwd());
    let afterDir = options.newDir;
    if (afterDir === undefined) {
      synthesized = synthesizeApp({ skipCheck: options.skipCheck });
      afterDir = synthesized;
    }
    const after = loadObjects(afterDir);
    const afterName =
      synthesized === undefined
        ? displayPath(afterDir)
        : `the app (APP_ENV=${process.env.APP_ENV ?? 'minikube'})`;
    const changes = compare(
      before.objects.map((o) => o.raw),
      after.map((o) => o.raw),
    );
    console.log(
      formatChanges(changes, {
        color: options.color,
        names: { before: before.name, after: afterName },
        objects: after.length,
        deployOrder: deployOrderChange(before.objects, after),
      }),
    );
    if (changes.some((c) => c.flags.some((f) => f.severity === 'error'))) return 2;
    return changes.length > 0 ? 1 : 0;
  } catch (e) {
    return reportFailure('diff', e, [
      UnreadablePathError,
      ManifestReadError,
      SynthError,
      UnknownSourceError,
      DeployOrderError,
    ]);
  } finally {
    if (synthesized !== undefined) removeSynthesized(synthesized);
  }
}

process.exitCode = main(process.argv.slice(2));
