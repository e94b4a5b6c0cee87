/**
 * `npm run diff -- [--against DIR|GIT-REV] [--new DIR] [--skip-check] [--color|--no-color]`:
 * synthesizes the app into a temporary folder and shows what `kubectl apply` would change
 * compared with `dist/` (or the folder, or `dist/` at the git revision, named by `--against`).
 * Exit code 0: no change; 1: changes; 2: apply would fail, or the diff could not be made.
 */
import { ManifestReadError, loadObjects } from '../manifests';
import { SynthError, removeSynthesized, synthesizeApp } from '../synth';
import { compare } from './compare';
import { formatChanges } from './format';
import { UnknownSourceError, displayPath, readSource } from './sources';
import { UnreadablePathError } from '../../model';

const USAGE = `usage: npm run diff -- [--against DIR|GIT-REV] [--new DIR] [--skip-check] [--color|--no-color]

Synthesizes the app (as \`npm run synth\` does, APP_ENV included) into a temporary folder and
shows what applying it would change compared with the manifests now applied.

  --against DIR|REV  compare with this folder, or with dist/ at this git revision
                     (REV:path for another folder at that revision); default: dist
  --new DIR          compare DIR instead of synthesizing the app
  --skip-check       synthesize without the manifest gate
  --color, --no-color
                     colour the output (default: when stdout is a terminal and NO_COLOR is unset)
  -h, --help         show this help

Exit status: 0 no changes, 1 changes, 2 apply would fail or the diff could not be made.`;

interface Options {
  against: string;
  newDir?: string;
  skipCheck: boolean;
  color: boolean;
}

/** Reads the arguments; a string is a usage error. */
function parseArgs(args: readonly string[]): Options | 'help' | string {
  const options: Options = {
    against: 'dist',
    skipCheck: false,
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (): string | undefined =>
      arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
    const name = arg.split('=')[0];
    if (name === '-h' || name === '--help') return 'help';
    else if (name === '--against' || name === '--new') {
      const v = value();
      if (v === undefined || v === '') return `option '${name}' needs a value`;
      if (name === '--against') options.against = v;
      else options.newDir = v;
    } else if (arg === '--skip-check') options.skipCheck = true;
    else if (arg === '--color') options.color = true;
    else if (arg === '--no-color') options.color = false;
    else return `unknown argument '${arg}'`;
  }
  return options;
}

/** Runs the CLI with the given arguments and returns its exit code. */
export function main(args: readonly string[]): number {
  const options = parseArgs(args);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (typeof options === 'string') {
    console.error(`diff: ${options}\n${USAGE}`);
    return 2;
  }
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
      }),
    );
    if (changes.some((c) => c.flags.some((f) => f.severity === 'error'))) return 2;
    return changes.length > 0 ? 1 : 0;
  } catch (e) {
    const known = [UnreadablePathError, ManifestReadError, SynthError, UnknownSourceError];
    if (known.some((type) => e instanceof type)) {
      console.error(`diff: ${(e as Error).message}`);
      return 2;
    }
    console.error(e);
    return 2;
  } finally {
    if (synthesized !== undefined) removeSynthesized(synthesized);
  }
}

process.exitCode = main(process.argv.slice(2));
