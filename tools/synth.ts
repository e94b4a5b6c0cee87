import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The project's root folder, where `main.ts` and `scripts/run-ts.mjs` live. */
export const PROJECT_ROOT = path.resolve(__dirname, '..');

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
  const env: NodeJS.ProcessEnv = { ...process.env, CDK8S_OUTDIR: outdir };
  if (options.appEnv !== undefined) env.APP_ENV = options.appEnv;
  const args = ['scripts/run-ts.mjs', 'main.ts', ...(options.skipCheck ? ['--skip-check'] : [])];
  const result = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, env, encoding: 'utf8' });
  if (result.status !== 0) {
    removeSynthesized(outdir);
    const message = (result.stderr || result.error?.message || '').trim().replace(/^error: /, '');
    throw new SynthError(`synthesis failed: ${message || `exit code ${result.status}`}`);
  }
  return outdir;
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
