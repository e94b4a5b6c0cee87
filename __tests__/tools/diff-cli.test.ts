import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readSource } from '../../tools/diff/sources';
import { runEntry, tempDir } from '../support/files';

const APP = path.join(__dirname, 'fixtures', 'app');

/** Runs `npm run diff -- ...args` the way npm does, without a terminal. */
function diff(...args: string[]) {
  return runEntry('tools/diff/cli.ts', {}, args);
}

/** A copy of the fixture app with `web.yaml` edited. */
function editedApp(edit: (web: string) => string): string {
  const dir = path.join(tempDir('diff-'), 'app');
  fs.cpSync(APP, dir, { recursive: true });
  const web = path.join(dir, 'web.yaml');
  fs.writeFileSync(web, edit(fs.readFileSync(web, 'utf8')));
  return dir;
}

describe('npm run diff', () => {
  test('says an unchanged tree is unchanged and exits 0', () => {
    const result = diff(
      '--against',
      APP,
      '--new',
      editedApp((web) => web),
    );
    expect(result.stdout).toMatch(
      /^no changes: .*\/app\/ is the same as .*\/app\/ \(14 objects\)\n$/,
    );
    expect(result.status).toBe(0);
  });

  test('lists exactly the change, plain when stdout is not a terminal, and exits 1', () => {
    const after = editedApp((web) => web.replace('image: nginx:1.27.2', 'image: nginx:1.27.3'));
    const result = diff('--against', APP, '--new', after);
    expect(result.stdout.split('\n')).toEqual([
      '~ Deployment shop/web',
      '    spec.template.spec.containers[web].image: nginx:1.27.2 → nginx:1.27.3',
      '    note: rollout: the pod template changed, so the pods are replaced (rolling update)',
      `1 object differs between ${APP}/ and ${after}/: 1 changed; 0 errors, 0 warnings`,
      '',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
  });

  test('flags a selector change as an error: apply would fail, exit 2', () => {
    const after = editedApp((web) =>
      web.replace(
        'selector:\n    matchLabels:\n      app.kubernetes.io/name: web\n  strategy',
        'selector:\n    matchLabels:\n      app.kubernetes.io/name: web\n      tier: front\n  strategy',
      ),
    );
    const result = diff('--against', APP, '--new', after, '--color');
    expect(result.stdout).toContain('spec.selector.matchLabels.tier: \u001b[32m+ front');
    expect(result.stdout).toContain(
      'error: apply would fail: Deployment spec.selector is immutable; delete the Deployment first',
    );
    expect(result.stdout).toMatch(/1 error \(apply would fail\)/);
    expect(result.status).toBe(2);
  });

  test('exits 2 when --against is neither a folder nor a git revision', () => {
    const result = diff('--against', 'no-such-thing', '--new', APP);
    expect(result.stderr).toBe("diff: 'no-such-thing' is neither a folder nor a git revision\n");
    expect(result.status).toBe(2);
  });

  test('synthesizes the app as `npm run synth` does, into a temporary folder', () => {
    const result = diff('--against', APP, '--skip-check');
    expect(result.stdout).toContain('+ Deployment stock-trader/web-blue');
    expect(result.stdout).toContain('- Deployment shop/web');
    expect(result.stdout).toMatch(/ and the app \(APP_ENV=minikube\): /);
    expect(result.status).toBe(1);
  });
});

describe('readSource', () => {
  test('reads dist/ at a git revision without touching the working tree', () => {
    const repo = tempDir('diff-git-');
    fs.cpSync(APP, path.join(repo, 'dist'), { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: repo,
        stdio: 'pipe',
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'app');
    fs.rmSync(path.join(repo, 'dist'), { recursive: true });
    const source = readSource('HEAD', repo);
    expect(source.name).toBe('dist/ at HEAD');
    expect(source.objects).toHaveLength(14);
    expect(source.objects[0].manifest.file).toBe('HEAD:dist/batch.yaml');
  });
});
