import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import {
  OutputFolderError,
  OutputFolderName,
  assertReplaceable,
  overlap,
  resolveOutputFolder,
  writeMarker,
} from './output-folder';
import { PropCheck } from '../src/validation/prop-check';
import { show } from '../src/validation/show';
import { FUNCTION, STRING, objectOf, optional, required } from '../src/validation/shapes';
import { DEPLOY_ANNOTATIONS, DeployAnnotations } from './deploy-graph';
import { SynthesizedManifest, writeManifests } from './synth-writer';

const OPTIONS = objectOf<AtomicSynthOptions>('synthAtomically options', {
  outdir: required(STRING),
  verify: optional(FUNCTION),
  copyTo: optional(STRING),
  outdirSetting: optional(STRING),
  deployAnnotations: optional(DEPLOY_ANNOTATIONS),
});

/** The file cdk8s writes for the cdk8s CLI's validation plugins; never part of an output folder. */
const CONSTRUCT_METADATA = 'construct-metadata.json';

/** Options for {@link synthAtomically}. */
export interface AtomicSynthOptions {
  /**
   * The folder that receives the manifests. It is replaced as a whole, and only when every step
   * succeeded, so files of resources that no longer exist do not linger. It must be absent,
   * empty, or the output of an earlier synthesis (see `OUTPUT_MARKER`); the working directory,
   * the project, their parents, the home folder and the filesystem root are always refused.
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

  /**
   * A second folder that receives a copy of the manifests, with the construct metadata that
   * cdk8s records for the cdk8s CLI's validation plugins (`outdir` never gets that file). It is
   * written, under the same rules as `outdir`, just before `outdir` is replaced.
   *
   * @default - no copy
   */
  readonly copyTo?: string;

  /**
   * The setting that named `outdir`, for messages.
   *
   * @default 'outdir'
   */
  readonly outdirSetting?: string;

  /**
   * The deploy-order annotations written into every object (see `DeployGraph`), or false to
   * write none.
   *
   * @default {} - Argo CD's sync waves and kpt's depends-on
   */
  readonly deployAnnotations?: DeployAnnotations | false;
}

/**
 * Synthesizes an app into a fresh folder beside `outdir`, verifies it, and only then swaps it into
 * place. On any error `outdir` is byte-for-byte what it was, no staging folder is left behind,
 * and the error is rethrown (an `OutputFolderError` when the folder itself is refused).
 *
 * @param createApp builds the app whose `outdir` is the folder it is given
 */
export function synthAtomically(
  createApp: (outdir: string) => App,
  options: AtomicSynthOptions,
): void {
  const check = new PropCheck('synthAtomically');
  check.shape('createApp', createApp, FUNCTION);
  check.shape('options', options, OPTIONS);
  const name = { setting: options.outdirSetting ?? 'outdir', given: options.outdir };
  const outdir = resolveOutputFolder(options.outdir, name.setting);
  const copy = options.copyTo === undefined ? undefined : copyFolder(options.copyTo, outdir);
  withStaging(outdir, (staging) => {
    const manifests = writeManifests(appIn(staging, createApp), options.deployAnnotations);
    options.verify?.(manifests, staging);
    const files = new Set(manifests.map((m) => m.file));
    assertReplaceable(outdir, name, files);
    if (copy === undefined) {
      removeConstructMetadata(staging);
      writeMarker(staging, [...files]);
      replaceFolder(outdir, staging, name);
      return;
    }
    assertReplaceable(copy.dir, copy.name, new Set([...files, CONSTRUCT_METADATA]));
    withStaging(copy.dir, (copyStaging) => {
      fs.cpSync(staging, copyStaging, { recursive: true });
      writeMarker(copyStaging, fs.readdirSync(copyStaging));
      removeConstructMetadata(staging);
      writeMarker(staging, [...files]);
      const retiredCopy = replaceFolder(copy.dir, copyStaging, copy.name, { keepRetired: true });
      try {
        replaceFolder(outdir, staging, name);
      } catch (error) {
        restore(copy.dir, retiredCopy);
        throw error;
      }
      if (retiredCopy !== undefined) fs.rmSync(retiredCopy, { recursive: true, force: true });
    });
  });
}

/**
 * The app that `createApp` makes in the staging folder. One that writes anywhere else (a plain
 * `new App()` writes into 'dist') would bypass the staging folder and every check of the output
 * folder: it is refused before anything is written.
 */
function appIn(staging: string, createApp: (outdir: string) => App): App {
  const app: unknown = createApp(staging);
  if (!(app instanceof App)) {
    throw new Error(`synthAtomically: createApp must return the App it made, got ${show(app)}`);
  }
  if (path.resolve(app.outdir) !== staging) {
    throw new Error(
      `synthAtomically: createApp must make its App in the folder it is given (new App({ outdir })), got one with outdir ${show(app.outdir)}`,
    );
  }
  return app;
}

/** The folder of `copyTo`, refused when it and `outdir` would hold one another. */
function copyFolder(copyTo: string, outdir: string): { dir: string; name: OutputFolderName } {
  const name = { setting: 'copyTo', given: copyTo };
  const dir = resolveOutputFolder(copyTo, name.setting);
  if (overlap(outdir, dir)) {
    throw new OutputFolderError(
      `copyTo '${copyTo}' must lie outside the output folder, and it outside copyTo`,
    );
  }
  return { dir, name };
}

/**
 * Runs `work` with a fresh staging folder beside `target` (made with the target's missing parent
 * folders) and removes the staging folder, and any parent it had to make, whatever happens, unless
 * `work` moved it into place.
 */
function withStaging(target: string, work: (staging: string) => void): void {
  const madeParent = fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}-new-`));
  let done = false;
  try {
    work(staging);
    done = true;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!done && madeParent !== undefined) fs.rmSync(madeParent, { recursive: true, force: true });
  }
}

/**
 * Puts `source` in the place of `target` with two renames, so no reader sees a half-written
 * folder; if the second rename fails, the old folder is put back. Returns the retired old folder
 * when asked to keep it (the caller removes it), after removing it otherwise.
 */
function replaceFolder(
  target: string,
  source: string,
  name: OutputFolderName,
  options: { keepRetired?: boolean } = {},
): string | undefined {
  const retired = fs.existsSync(target)
    ? path.join(
        path.dirname(target),
        `.${path.basename(target)}-old-${randomBytes(6).toString('hex')}`,
      )
    : undefined;
  const refused = (error: unknown) =>
    new OutputFolderError(
      `${name.setting} '${name.given}' cannot be replaced: ${(error as Error).message}`,
      { cause: error },
    );
  try {
    if (retired !== undefined) fs.renameSync(target, retired);
  } catch (error) {
    throw refused(error);
  }
  try {
    fs.renameSync(source, target);
  } catch (error) {
    restore(target, retired);
    throw refused(error);
  }
  if (options.keepRetired) return retired;
  if (retired !== undefined) fs.rmSync(retired, { recursive: true, force: true });
  return undefined;
}

/** Puts a retired folder back in place of what replaced it. */
function restore(target: string, retired: string | undefined): void {
  if (retired === undefined) {
    fs.rmSync(target, { recursive: true, force: true });
    return;
  }
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(retired, target);
}

function removeConstructMetadata(dir: string): void {
  fs.rmSync(path.join(dir, CONSTRUCT_METADATA), { force: true });
}
