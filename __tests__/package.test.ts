import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tempDir } from './support/files';
import { runIn } from './support/project-copy';

/** The cdk8s CLI, run with Node directly (what `npx cdk8s` runs). */
const CDK8S_CLI = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');

/** Packs the library as `npm pack` would publish it; `prepack` compiles `src/` first. */
function pack(): { tarball: string; files: string[] } {
  const destination = tempDir('cdk8s-webapp-pack-');
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [info] = JSON.parse(output);
  return {
    tarball: path.join(destination, info.filename),
    files: info.files.map((f: { path: string }) => f.path),
  };
}

/**
 * A project of another team: the tarball unpacked into its node_modules beside its own cdk8s,
 * cdk8s-plus-27 and constructs and the package's dependencies (linked from ours, so the test
 * needs no network).
 */
function consumerProject(tarball: string): string {
  const project = tempDir('cdk8s-webapp-consumer-');
  const modules = path.join(project, 'node_modules');
  fs.mkdirSync(path.join(modules, 'cdk8s-webapp'), { recursive: true });
  execFileSync('tar', [
    'xzf',
    tarball,
    '--strip-components=1',
    '-C',
    path.join(modules, 'cdk8s-webapp'),
  ]);
  // What npm would install: the package's dependencies, peers included.
  const manifest = JSON.parse(
    fs.readFileSync(path.join(modules, 'cdk8s-webapp', 'package.json'), 'utf8'),
  );
  const needed = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  for (const dependency of needed) {
    fs.symlinkSync(path.join(ROOT, 'node_modules', dependency), path.join(modules, dependency));
  }
  return project;
}

const CONSUMER = `
const { App, Chart, Testing } = require('cdk8s');
const lib = require('cdk8s-webapp');
const app = Testing.app();
const chart = new Chart(app, 'team', { namespace: 'team', disableResourceNameHashes: true });
const web = new lib.WebApp(chart, 'shop', { image: 'nginxinc/nginx-unprivileged:1.27.2-alpine' });
const report = new lib.CronJob(chart, 'report', { image: 'busybox:1.36.1', schedule: '@daily' });
report.connectTo(web);
console.log(JSON.stringify({
  exports: Object.keys(lib).sort(),
  kinds: Testing.synth(chart).map((m) => m.kind + '/' + m.metadata.name),
}));
`;

describe('the npm package', () => {
  let tarball: string;
  let files: string[];
  beforeAll(() => ({ tarball, files } = pack()), 180_000);

  test('holds the compiled library with type declarations, and nothing of the example app or tests', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'lib/index.js',
        'lib/index.d.ts',
        'lib/src/index.js',
        'lib/runtime/index.d.ts',
        'lib/src/web-app.d.ts',
        'package.json',
      ]),
    );
    expect(
      files.filter(
        (f) =>
          (/^(app|__tests__|gate|dist|src)\//.test(f) && f !== 'gate/RULES.md') ||
          (f.endsWith('.ts') && !f.endsWith('.d.ts')),
      ),
    ).toEqual([]);
  });

  test('builds a chart in another project through its entry point alone', () => {
    const project = consumerProject(tarball);
    fs.writeFileSync(path.join(project, 'consumer.js'), CONSUMER);
    const result = JSON.parse(
      execFileSync(process.execPath, ['consumer.js'], { cwd: project, encoding: 'utf8' }),
    );
    expect(result.exports).toEqual(
      expect.arrayContaining([
        'WebApp',
        'BlueGreenWebApp',
        'StatefulApp',
        'Job',
        'CronJob',
        'NetworkPeer',
        'Probe',
        'Volume',
        'EnvValue',
        'synthAtomically',
      ]),
    );
    expect(result.kinds).toEqual(
      expect.arrayContaining([
        'Deployment/shop',
        'Service/shop',
        'CronJob/report',
        'NetworkPolicy/report',
      ]),
    );
  });

  test('carries the gate as a cdk8s validation plugin: a mixed chart passes, a plain cdk8s-plus Deployment fails by name', () => {
    const project = consumerProject(tarball);
    fs.cpSync(path.join(ROOT, '__tests__', 'fixtures', 'consumer'), project, { recursive: true });
    const synth = (env: Record<string, string>) =>
      runIn(
        project,
        process.execPath,
        [CDK8S_CLI, 'synth', '--validation-reports-output-file', 'report.json'],
        env,
      );

    const passed = synth({});
    expect(passed.stderr).toBe('');
    expect(passed.status).toBe(0);
    expect(passed.stdout).toMatch(/Validation Report \(.*\/node_modules\/cdk8s-webapp@0\.1\.0\)/);
    expect(passed.stdout).toMatch(/Status\s+│ success/);
    const reports = JSON.parse(fs.readFileSync(path.join(project, 'report.json'), 'utf8')).reports;
    expect(reports[0].summary).toMatchObject({ status: 'success', metadata: { errors: '0' } });

    fs.rmSync(path.join(project, 'report.json'));
    const failed = synth({ PLAIN: '1' });
    expect(failed.status).not.toBe(0);
    expect(failed.stdout).toMatch(/Status\s+│ failure/);
    expect(failed.stdout).toContain('Construct Path: team/plain/Resource');
    const violations = JSON.parse(fs.readFileSync(path.join(project, 'report.json'), 'utf8'))
      .reports[0].violations;
    expect(violations).toContainEqual(
      expect.objectContaining({
        ruleName: 'pss-seccomp',
        violatingConstructs: expect.arrayContaining([
          expect.objectContaining({ constructPath: 'team/plain/Resource' }),
        ]),
      }),
    );

    // Through runSynth, a finding on one of a WebApp's objects (which share one name) gets the
    // construct of that very object, not the last of its name.
    fs.rmSync(path.join(project, 'report.json'));
    const exact = synth({ RUN_SYNTH: '1', LATEST: '1' });
    expect(exact.status).not.toBe(0);
    const imageTag = JSON.parse(
      fs.readFileSync(path.join(project, 'report.json'), 'utf8'),
    ).reports[0].violations.find((v: { ruleName: string }) => v.ruleName === 'image-tag');
    expect(imageTag.violatingConstructs).toEqual([
      expect.objectContaining({
        resourceName: 'Deployment/team/shop',
        constructPath: 'team/shop/Deployment',
      }),
    ]);
    expect(fs.readdirSync(path.join(project, 'manifests'))).not.toContain(
      'construct-metadata.json',
    );
  }, 180_000);
});
