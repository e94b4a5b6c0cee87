import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, runEntry, snapshotDir, tempDir } from './support/files';

/** Synthesizes the example the way `npm run synth` does, into a fresh folder. */
function synthInto(env: Record<string, string> = {}): string {
  const outdir = path.join(tempDir(), 'dist');
  const result = runEntry('main.ts', { CDK8S_OUTDIR: outdir, ...env });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return outdir;
}

describe('the synth program', () => {
  const minikube = synthInto();

  test('writes one file per chart, the Namespace first', () => {
    expect(fs.readdirSync(minikube)).toEqual([
      '0000-namespace.k8s.yaml',
      '0001-database.k8s.yaml',
      '0002-web.k8s.yaml',
      '0003-batch.k8s.yaml',
    ]);
  });

  test('is deterministic: two runs write the same bytes', () => {
    expect(snapshotDir(synthInto())).toEqual(snapshotDir(minikube));
  });

  test('matches the committed dist/ (run `npm run synth` and commit it after changing the app)', () => {
    expect(snapshotDir(minikube)).toEqual(snapshotDir(path.join(ROOT, 'dist')));
  });

  test('writes another environment when APP_ENV names it', () => {
    const files = snapshotDir(synthInto({ APP_ENV: 'production' }));
    expect(Buffer.from(files['0000-namespace.k8s.yaml'], 'base64').toString()).toContain(
      'name: stock-trader-production',
    );
  });

  test('writes the same bytes through `npx cdk8s synth` as through `npm run synth`', () => {
    const outdir = path.join(tempDir(), 'dist');
    execFileSync('npx', ['cdk8s', 'synth', '--output', outdir], { cwd: ROOT, stdio: 'pipe' });
    expect(snapshotDir(outdir)).toEqual(snapshotDir(minikube));
  });
});
