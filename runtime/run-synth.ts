import * as path from 'path';
import { App } from 'cdk8s';
import { AtomicSynthOptions, synthAtomically } from './atomic-synth';
import { PropCheck } from '../src/validation/prop-check';
import { BOOLEAN, FUNCTION, STRING, objectOf, optional, shape } from '../src/validation/shapes';
import { DEPLOY_ANNOTATIONS } from './deploy-graph';
import { describeFailure } from './failure';
import { overlap } from './output-folder';

/** Options for {@link runSynth}. */
export interface RunSynthOptions extends Pick<AtomicSynthOptions, 'verify' | 'deployAnnotations'> {
  /**
   * The folder that receives the manifests, replaced atomically (see `synthAtomically`).
   *
   * @default - `CDK8S_OUTDIR` when it is set, as cdk8s' `App` reads it, else 'dist' (always 'dist'
   *   when `cdk8sCli` is set)
   */
  readonly outdir?: string;

  /**
   * Whether the cdk8s CLI runs the program (`cdk8s synth`). The CLI deletes its output folder
   * before it runs the app and names it in `CDK8S_OUTDIR`, so that folder must be a scratch folder
   * of its own (`output:` in cdk8s.yaml): the manifests replace `outdir` atomically and a copy goes
   * to `CDK8S_OUTDIR` for the CLI to list and to hand to its validation plugins. On failure the
   * copy is not made and the exit code stays 0, so that the CLI reports the failure in one line
   * ("synthesis failed, app expected to create ...") after this program's own message.
   *
   * @default false
   */
  readonly cdk8sCli?: boolean;
}

/**
 * The body of a synth program (`main.ts`): builds the app with `build`, synthesizes it atomically
 * (see `synthAtomically`), and on failure prints one message, `error: <message>`, to stderr and
 * sets a non-zero exit code: never a stack trace, not even for a programming error, which gets
 * its type and the place it was thrown.
 */
export function runSynth(build: (app: App) => void, options: RunSynthOptions = {}): void {
  try {
    checkOptions(build, options);
    const fromEnvironment = options.outdir === undefined && !options.cdk8sCli;
    const outdir =
      options.outdir ?? (fromEnvironment ? process.env.CDK8S_OUTDIR : undefined) ?? 'dist';
    synthAtomically(
      (dir) => {
        const app = new App({ outdir: dir });
        build(app);
        return app;
      },
      {
        outdir,
        outdirSetting:
          fromEnvironment && process.env.CDK8S_OUTDIR !== undefined ? 'CDK8S_OUTDIR' : 'outdir',
        verify: options.verify,
        deployAnnotations: options.deployAnnotations,
        copyTo: options.cdk8sCli ? cliOutdir(outdir) : undefined,
      },
    );
  } catch (error) {
    console.error(`error: ${describeFailure(error)}`);
    // Under the CLI the exit code stays 0, for its one line instead of its stack trace.
    const underCli = options?.cdk8sCli === true && process.env.CDK8S_OUTDIR !== undefined;
    if (!underCli) process.exitCode = 1;
  }
}

/**
 * The cdk8s CLI's own output folder, which it names in `CDK8S_OUTDIR`: a scratch folder apart
 * from `outdir`, since the CLI deletes it before it runs the program.
 */
function cliOutdir(outdir: string): string {
  const dir = process.env.CDK8S_OUTDIR;
  if (dir === undefined) {
    throw new Error(
      'cdk8sCli is set, but CDK8S_OUTDIR is not: run the program through `cdk8s synth`',
    );
  }
  if (overlap(path.resolve(dir), path.resolve(outdir))) {
    throw new Error(
      `cdk8sCli: the cdk8s CLI's output folder (CDK8S_OUTDIR '${dir}') and outdir '${outdir}' hold one another; give the CLI a scratch folder of its own, such as \`output: .build/cdk8s-cli\` in cdk8s.yaml`,
    );
  }
  return dir;
}

const OPTIONS = objectOf<RunSynthOptions>('runSynth options', {
  outdir: optional(STRING),
  verify: optional(FUNCTION),
  cdk8sCli: optional(BOOLEAN),
  deployAnnotations: optional(DEPLOY_ANNOTATIONS),
});

function checkOptions(build: unknown, options: unknown): void {
  const check = new PropCheck('runSynth');
  check.shape(
    'build',
    build,
    shape('a function that adds charts to the app', (v) => typeof v === 'function'),
  );
  check.shape('options', options, OPTIONS);
}
