import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The project's root folder, where `main.ts` and `scripts/run-ts.mjs` live. */
export const PROJECT_ROOT = projectRoot();

/**
 * The nearest folder above this module whose `package.json` is `cdk8s-webapp`'s: `tools/` when
 * Jest runs the sources, `.build/` when `scripts/run-ts.mjs` bundled them, wherever they are.
 */
function projectRoot(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
      };
      if (manifest.name === 'cdk8s-webapp') return dir;
    } catch {
      // No package.json here, or not one we can read: look further up.
    }
  }
  throw new Error(`no folder above '${__dirname}' holds the package.json of cdk8s-webapp`);
}

/** Synthesis failed: the message is what the synth program wrote to stderr. */
export class SynthError extends Error {}

/** The temporary folders this process made for syntheses: the only ones it may remove. */
const made = new Set<string>();

/** Options for {@link synthesizeApp}. */
export interface SynthOptions {
  /**
   * The environment to synthesize, passed to the synth program as `APP_ENV`.
   *
   * @default - the `APP_ENV` of this process, or the program's default (`minikube`)
   */
  readonly appEnv?: string;

  /**
   * Skip the manifest gate, as `npm run synth -- --skip-check` does.
   *
   * @default false
   */
  readonly skipCheck?: boolean;

  /**
   * Synthesize the app as it is at this git revision (a branch, a tag, a commit), from a copy of
   * that revision's files (`git archive`) that uses this project's installed packages.
   *
   * @default - the working tree as it is
   */
  readonly ref?: string;
}

/**
 * Synthesizes the app with the same program as `npm run synth` (`node scripts/run-ts.mjs
 * main.ts`), but into a fresh temporary folder through `CDK8S_OUTDIR`, so `dist/` is left alone.
 * The caller removes the folder's parent (see {@link removeSynthesized}).
 *
 * @returns the folder of synthesized manifests
 * @throws SynthError when the program fails (a bad prop, a failed gate)
 */
export function synthesizeApp(options: SynthOptions = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-webapp-synth-'));
  made.add(root);
  const outdir = path.join(root, 'dist');
  try {
    const project = options.ref === undefined ? PROJECT_ROOT : exportRevision(options.ref, root);
    const env: NodeJS.ProcessEnv = { ...process.env, CDK8S_OUTDIR: outdir };
    if (options.appEnv !== undefined) env.APP_ENV = options.appEnv;
    const args = ['scripts/run-ts.mjs', 'main.ts', ...(options.skipCheck ? ['--skip-check'] : [])];
    const result = spawnSync(process.execPath, args, { cwd: project, env, encoding: 'utf8' });
    if (result.status !== 0) {
      const message = (result.stderr || result.error?.message || '').trim().replace(/^error: /, '');
      throw new SynthError(`synthesis failed: ${message || `exit code ${result.status}`}`);
    }
    return outdir;
  } catch (error) {
    removeSynthesized(outdir);
    throw error;
  }
}

/**
 * Writes the files of a git revision into `<root>/project` with `git archive` (the repository
 * and the working tree are left alone) and links this project's `node_modules` into it.
 *
 * @throws SynthError when the revision is unknown
 */
function exportRevision(ref: string, root: string): string {
  const git = (args: string[], extra: { input?: Buffer } = {}) =>
    spawnSync('git', args, { cwd: PROJECT_ROOT, maxBuffer: 512 * 1024 * 1024, ...extra });
  const unknown = () => new SynthError(`'${ref}' is not a git revision of this repository`);
  // An option is refused before git sees it, and `--end-of-options` keeps git from reading one.
  if (ref.startsWith('-')) throw unknown();
  const commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (commit.status !== 0) throw unknown();
  const project = path.join(root, 'project');
  fs.mkdirSync(project);
  const archive = git(['archive', '--format=tar', commit.stdout.toString().trim()]);
  const untar = spawnSync('tar', ['-x', '-C', project], { input: archive.stdout });
  if (archive.status !== 0 || untar.status !== 0) {
    throw new SynthError(
      `cannot read the files of '${ref}': ${archive.stderr}${untar.stderr}`.trim(),
    );
  }
  fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(project, 'node_modules'));
  return project;
}

/**
 * Removes a folder written by {@link synthesizeApp}, with its temporary parent; refuses any
 * other folder, so a wrong path can never remove what this process did not make.
 */
export function removeSynthesized(outdir: string): void {
  const root = path.dirname(outdir);
  if (!made.delete(root))
    throw new Error(`not removing '${outdir}': synthesizeApp did not make it`);
  fs.rmSync(root, { recursive: true, force: true });
}
