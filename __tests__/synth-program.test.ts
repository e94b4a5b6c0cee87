import * as fs from 'fs';
import * as path from 'path';
import { ROOT, runEntry, snapshotDir, tempDir } from './support/files';
import { projectCopy, runIn } from './support/project-copy';

/** Spawned syntheses take a second or two each (the cdk8s CLI more); a busy machine many more. */
const SLOW = 120_000;

/** Synthesizes the example the way `npm run synth` does, into a fresh folder. */
function synthInto(env: Record<string, string> = {}): string {
  const outdir = path.join(tempDir(), 'dist');
  const result = runEntry('main.ts', { CDK8S_OUTDIR: outdir, ...env });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return outdir;
}

describe('the synth program', () => {
  let minikube: string;
  beforeAll(() => {
    minikube = synthInto();
  }, SLOW);

  test('writes one file per chart, the Namespace first', () => {
    expect(fs.readdirSync(minikube)).toEqual([
      '.synth-output.sha256',
      '0000-namespace.k8s.yaml',
      '0001-database.k8s.yaml',
      '0002-batch.k8s.yaml',
      '0003-api.k8s.yaml',
      '0004-web.k8s.yaml',
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

  test(
    'writes the same bytes through `npx cdk8s synth` as through `npm run synth`',
    () => {
      const project = projectCopy();
      const result = runIn(project, 'npx', ['cdk8s', 'synth']);
      expect(result.status).toBe(0);
      expect(snapshotDir(path.join(project, 'dist'))).toEqual(snapshotDir(minikube));
      // The CLI's own scratch folder gets a copy, which it lists.
      expect(snapshotDir(path.join(project, '.build', 'cdk8s-cli'))).toEqual(snapshotDir(minikube));
      expect(result.stdout).toContain('  - .build/cdk8s-cli/0004-web.k8s.yaml');
    },
    SLOW,
  );

  test(
    'keeps dist/ through `npx cdk8s synth` when the app fails, and reports it in two lines without a stack',
    () => {
      const project = projectCopy();
      const before = snapshotDir(path.join(project, 'dist'));
      const result = runIn(project, 'npx', ['cdk8s', 'synth'], { APP_ENV: 'staging' });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        "error: APP_ENV must be one of 'minikube', 'production', got 'staging'\n" +
          'ERROR: synthesis failed, app expected to create ".build/cdk8s-cli"\n',
      );
      expect(snapshotDir(path.join(project, 'dist'))).toEqual(before);
    },
    SLOW,
  );

  test(
    'run for the cdk8s CLI but not by it, or with the CLI writing into dist/, it refuses in one line and touches nothing',
    () => {
      const project = projectCopy();
      const before = snapshotDir(path.join(project, 'dist'));
      const program = ['scripts/run-ts.mjs', 'main.ts', '--cdk8s-cli'];
      const alone = runIn(project, process.execPath, program);
      expect(alone.stderr).toBe(
        'error: cdk8sCli is set, but CDK8S_OUTDIR is not: run the program through `cdk8s synth`\n',
      );
      expect(alone.status).toBe(1);
      // cdk8s.yaml without `output:`: the CLI names dist/ itself.
      const sameFolder = runIn(project, process.execPath, program, { CDK8S_OUTDIR: 'dist' });
      expect(sameFolder.stderr).toBe(
        "error: cdk8sCli: the cdk8s CLI's output folder (CDK8S_OUTDIR 'dist') and outdir 'dist' hold one another; give the CLI a scratch folder of its own, such as `output: .build/cdk8s-cli` in cdk8s.yaml\n",
      );
      expect(snapshotDir(path.join(project, 'dist'))).toEqual(before);
    },
    SLOW,
  );
});
