import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { SynthesizedManifest, writeManifests } from './synth-writer';

export type { SynthesizedManifest } from './synth-writer';

/** Options for {@link synthAtomically}. */
export interface AtomicSynthOptions {
  /**
   * The folder that receives the manifests. It is replaced as a whole, and only when every step
   * succeeded, so files of resources that no longer exist do not linger.
   */
  readonly outdir: string;

  /**
   * Called with the freshly written manifests (each object and the file that holds it) and their
   * folder before it replaces `outdir`; throw to abort and leave `outdir` untouched (for example,
   * a schema and policy gate).
   *
   * @default - no check; the manifests replace `outdir` as written
   */
  readonly verify?: (manifests: readonly SynthesizedManifest[], dir: string) => void;
}

/**
 * Synthesizes an app into a fresh temporary folder beside `outdir`, verifies it, and only then
 * swaps it into place. On any error `outdir` is byte-for-byte what it was and the error is
 * rethrown.
 *
 * @param createApp builds the app whose `outdir` is the folder it is given
 */
export function synthAtomically(
  createApp: (outdir: string) => App,
  options: AtomicSynthOptions,
): void {
  const outdir = path.resolve(options.outdir);
  const parent = path.dirname(outdir);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(outdir)}-new-`));
  try {
    const manifests = writeManifests(createApp(staging));
    options.verify?.(manifests, staging);
    replaceDirectory(outdir, staging);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Puts `source` in the place of `target` with renames, so no reader sees a half-written folder. */
function replaceDirectory(target: string, source: string): void {
  if (!fs.existsSync(target)) {
    fs.renameSync(source, target);
    return;
  }
  const retired = fs.mkdtempSync(`${target}-old-`);
  fs.renameSync(target, path.join(retired, 'dist'));
  fs.renameSync(source, target);
  fs.rmSync(retired, { recursive: true, force: true });
}

/**
 * The body of a synth program (`main.ts`): builds the app with `build`, synthesizes it
 * atomically, and on failure prints one line, `error: <message>`, to stderr and sets a non-zero
 * exit code. A bad prop or a failed check is the user's to fix, so it gets its message alone; a
 * programming error (TypeError, ReferenceError, RangeError) keeps its stack.
 */
export function runSynth(build: (app: App) => void, options: AtomicSynthOptions): void {
  try {
    synthAtomically((outdir) => {
      const app = new App({ outdir });
      build(app);
      return app;
    }, options);
  } catch (error) {
    const bug =
      error instanceof TypeError || error instanceof ReferenceError || error instanceof RangeError;
    console.error(bug ? error : `error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
