import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assertGatePasses } from '../../gate';
import { VALID_DIR } from './helpers';

const ROOT = path.join(__dirname, '..', '..');

interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node scripts/run-ts.mjs gate/cli.ts ...args` the way `npm run check` does. */
function runCli(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/run-ts.mjs', 'gate/cli.ts', ...args],
      { cwd: ROOT, encoding: 'utf8' },
      (error, stdout, stderr) =>
        resolve({ status: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** The CLI's runs, started together in `beforeAll` (each is a process), by name. */
const runs: Record<string, CliResult> = {};

let tmp: string;
let valid: string;
let broken: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-cli-'));
  valid = path.join(tmp, 'valid');
  broken = path.join(tmp, 'broken');
  fs.cpSync(VALID_DIR, valid, { recursive: true });
  fs.cpSync(VALID_DIR, broken, { recursive: true });
  const web = path.join(broken, 'web.yaml');
  fs.writeFileSync(
    web,
    fs
      .readFileSync(web, 'utf8')
      .replace('nginxinc/nginx-unprivileged:1.25.3', 'nginxinc/nginx-unprivileged:latest')
      .replace(
        'name: web\n  namespace: shop\nspec:\n  type: ClusterIP',
        'name: web\n  namespace: shop\n  foo: bar\nspec:\n  type: ClusterIP',
      ),
  );
  fs.mkdirSync(path.join(tmp, 'empty'));
  const empty = path.join(tmp, 'empty');
  // Files with no object in them: an empty one, comments only, a null document.
  const hollow = path.join(tmp, 'hollow');
  fs.mkdirSync(hollow);
  fs.writeFileSync(path.join(hollow, 'empty.yaml'), '');
  fs.writeFileSync(path.join(hollow, 'comments.yaml'), '# nothing here\n---\n~\n');
  // kubectl applies *.json too: a privileged Pod there must not pass unseen.
  const withJson = path.join(tmp, 'with-json');
  fs.cpSync(VALID_DIR, withJson, { recursive: true });
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'evil', namespace: 'shop' } };
  fs.writeFileSync(
    path.join(withJson, 'evil.json'),
    JSON.stringify({
      ...pod,
      spec: { hostNetwork: true, containers: [{ name: 'c', image: 'busybox:latest' }] },
    }),
  );
  const calls: Record<string, string[]> = {
    valid: [valid],
    broken: [broken],
    json: ['--json', broken],
    several: [valid, empty],
    '--bogus': ['--bogus'],
    '/nonexistent/gate-dir': ['/nonexistent/gate-dir'],
    EMPTY: [empty],
    hollow: [hollow],
    withJson: [withJson],
  };
  const results = await Promise.all(Object.values(calls).map((args) => runCli(...args)));
  Object.keys(calls).forEach((name, i) => (runs[name] = results[i]));
}, 180_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('npm run check', () => {
  test('exits 0 and prints the summary when the manifests pass', () => {
    const result = runs.valid;
    expect(result.stdout).toBe('checked 13 documents in 4 files: 0 errors, 0 waived\n');
    expect(result.status).toBe(0);
  });

  test('exits 1 and prints one line per finding when there are errors', () => {
    const result = runs.broken;
    const web = path.join(broken, 'web.yaml');
    expect(result.stdout.split('\n')).toEqual([
      `${web}: Deployment/shop/web: spec.template.spec.containers[0].image: [image-tag] image 'nginxinc/nginx-unprivileged:latest' uses the 'latest' tag: pin a version or a digest`,
      `${web}: Service/shop/web: metadata.foo: [schema] unknown field "foo"`,
      'checked 13 documents in 4 files: 2 errors, 0 waived',
      '',
    ]);
    expect(result.status).toBe(1);
  });

  test('prints a JSON report with --json', () => {
    const result = runs.json;
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ passed: false, files: 4, documents: 13, errors: 2, waived: 0 });
    expect(report.findings[1]).toEqual({
      file: path.join(broken, 'web.yaml'),
      object: 'Service/shop/web',
      path: 'metadata.foo',
      rule: 'schema',
      severity: 'error',
      message: 'unknown field "foo"',
    });
  });

  test('exits 1 when the files hold no object: nothing to check is no pass', () => {
    expect(runs.hollow.stderr).toBe(
      `gate: the 2 file(s) in ${path.join(tmp, 'hollow')} hold no Kubernetes object\n`,
    );
    expect(runs.hollow.status).toBe(1);
  });

  test('checks the *.json files kubectl applies too', () => {
    expect(runs.withJson.stdout).toContain(
      `${path.join(tmp, 'with-json', 'evil.json')}: Pod/shop/evil: spec.hostNetwork: [pss-host-namespaces]`,
    );
    expect(runs.withJson.status).toBe(1);
  });

  test('checks several directories together', () => {
    const result = runs.several;
    expect(result.status).toBe(0);
  });

  test.each([
    ['--bogus', "gate: unknown option '--bogus'"],
    ['/nonexistent/gate-dir', "gate: cannot read '/nonexistent/gate-dir'"],
    ['EMPTY', 'gate: no *.yaml, *.yml or *.json files in'],
  ])('exits 2 on usage errors and unreadable directories: %s', (name, message) => {
    const result = runs[name];
    expect(result.stderr).toContain(message);
    expect(result.status).toBe(2);
  });
});

describe('assertGatePasses', () => {
  test('returns when the manifests pass', () => {
    expect(() => assertGatePasses(valid)).not.toThrow();
  });

  test('throws the findings, with file names relative to the folder', () => {
    expect(() => assertGatePasses(broken)).toThrow(
      new Error(
        [
          'manifest gate failed:',
          "web.yaml: Deployment/shop/web: spec.template.spec.containers[0].image: [image-tag] image 'nginxinc/nginx-unprivileged:latest' uses the 'latest' tag: pin a version or a digest",
          'web.yaml: Service/shop/web: metadata.foo: [schema] unknown field "foo"',
          'checked 13 documents in 4 files: 2 errors, 0 waived',
        ].join('\n'),
      ),
    );
  });
});
