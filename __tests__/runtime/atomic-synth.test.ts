import { App, Chart } from 'cdk8s';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as k8s from '../../imports/k8s';
import { OUTPUT_MARKER, SynthesizedManifest, synthAtomically } from '../../runtime';
import { WebApp } from '../../src';
import { snapshotDir, tempDir } from '../support/files';

/** An app of one ConfigMap chart, or of the charts named. */
function appOf(...charts: string[]): (outdir: string) => App {
  return (outdir) => {
    const app = new App({ outdir });
    for (const name of charts.length ? charts : ['config']) {
      new k8s.KubeConfigMap(new Chart(app, name), 'cm', {
        metadata: { name: `${name}-settings` },
        data: { a: 'b' },
      });
    }
    return app;
  };
}

/** A dist/ folder that an earlier synthesis wrote (marker included). */
function earlierDist(...charts: string[]): string {
  const dist = path.join(tempDir(), 'dist');
  synthAtomically(appOf(...charts), { outdir: dist });
  return dist;
}

/** The folder that holds `dir`, as a listing: no staging or retired folders may be left there. */
const siblings = (dir: string) => fs.readdirSync(path.dirname(dir));

describe('synthAtomically', () => {
  test('replaces an earlier synthesis as a whole: new files in, stale files gone', () => {
    const dist = earlierDist('config', 'removed');
    synthAtomically(appOf('config'), { outdir: dist });
    expect(fs.readdirSync(dist)).toEqual([OUTPUT_MARKER, 'config.k8s.yaml']);
    expect(siblings(dist)).toEqual(['dist']);
  });

  test('creates dist/ when there is none, with a marker that lists every file and its hash', () => {
    const dist = path.join(tempDir(), 'nested', 'dist');
    synthAtomically(appOf('config'), { outdir: dist });
    expect(fs.readdirSync(dist)).toEqual([OUTPUT_MARKER, 'config.k8s.yaml']);
    expect(fs.readFileSync(path.join(dist, OUTPUT_MARKER), 'utf8')).toMatch(
      /^[0-9a-f]{64} {2}config\.k8s\.yaml\n$/,
    );
  });

  test('replaces a folder without a marker when it holds only files this synthesis writes', () => {
    const dist = path.join(tempDir(), 'dist');
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'config.k8s.yaml'), 'kind: ConfigMap\n');
    synthAtomically(appOf('config'), { outdir: dist });
    expect(fs.readFileSync(path.join(dist, 'config.k8s.yaml'), 'utf8')).toContain(
      'config-settings',
    );
  });

  test.each([
    [
      'a file no synthesis wrote',
      (dist: string) => fs.writeFileSync(path.join(dist, 'notes.txt'), 'mine'),
    ],
    ['a folder', (dist: string) => fs.mkdirSync(path.join(dist, 'keep'))],
    [
      'a manifest edited since it was synthesized',
      (dist: string) => fs.appendFileSync(path.join(dist, 'config.k8s.yaml'), '# hand edit\n'),
    ],
    ['.git', (dist: string) => fs.mkdirSync(path.join(dist, '.git'))],
    ['package.json', (dist: string) => fs.writeFileSync(path.join(dist, 'package.json'), '{}')],
  ])('fails if the folder holds %s, and touches nothing', (_what, addForeign) => {
    const dist = earlierDist('config');
    addForeign(dist);
    const before = snapshotDir(dist);
    expect(() => synthAtomically(appOf('config'), { outdir: dist })).toThrow(
      /^outdir '.*dist' holds '[^']+', /,
    );
    expect(snapshotDir(dist)).toEqual(before);
    expect(siblings(dist)).toEqual(['dist']);
  });

  test.each([
    ['is empty', () => '', /^outdir '' is empty/],
    ['is the working directory', () => '.', /^outdir '\.' is the working directory/],
    [
      'is a parent of the working directory',
      () => '..',
      /^outdir '\.\.' is the working directory or one of its parents/,
    ],
    ['is the filesystem root', () => '/', /^outdir '\/' is the filesystem root/],
    ['is the home folder', () => os.homedir(), /is the home folder/],
  ])('fails if the folder %s', (_what, outdir, message) => {
    expect(() => synthAtomically(appOf('config'), { outdir: outdir() })).toThrow(message);
  });

  test('fails if the folder is a file, lies under a file or is a symbolic link', () => {
    const dir = tempDir();
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'mine');
    fs.symlinkSync(dir, path.join(dir, 'link'));
    const synth = (outdir: string) => () =>
      synthAtomically(appOf('config'), { outdir, outdirSetting: 'CDK8S_OUTDIR' });
    expect(synth(file)).toThrow(/^CDK8S_OUTDIR '.*notes\.txt' is a file, not a folder$/);
    expect(synth(path.join(file, 'dist'))).toThrow(
      /^CDK8S_OUTDIR '.*' lies under '.*notes\.txt', which is a file$/,
    );
    expect(synth(path.join(dir, 'link'))).toThrow(/is a symbolic link/);
    expect(fs.readFileSync(file, 'utf8')).toBe('mine');
    expect(fs.readdirSync(dir).sort()).toEqual(['link', 'notes.txt']);
  });

  test('fails if the folder is the working directory by way of a linked parent', () => {
    const dir = tempDir();
    fs.symlinkSync(path.dirname(process.cwd()), path.join(dir, 'to-cwd-parent'));
    const outdir = path.join(dir, 'to-cwd-parent', path.basename(process.cwd()));
    expect(() => synthAtomically(appOf('config'), { outdir })).toThrow(
      /is the working directory or one of its parents$/,
    );
  });

  test('fails, writing nothing anywhere, if createApp makes its App elsewhere than in the folder it is given', () => {
    const dist = earlierDist('config');
    const before = snapshotDir(dist);
    const elsewhere = () => appOf('config')(dist);
    expect(() => synthAtomically(elsewhere, { outdir: dist })).toThrow(
      /^synthAtomically: createApp must make its App in the folder it is given \(new App\(\{ outdir \}\)\), got one with outdir '.*dist'$/,
    );
    expect(() => synthAtomically(() => ({}) as App, { outdir: dist })).toThrow(
      'synthAtomically: createApp must return the App it made, got {}',
    );
    expect(snapshotDir(dist)).toEqual(before);
    expect(siblings(dist)).toEqual(['dist']);
  });

  test('leaves dist/ byte-for-byte untouched when the app fails to build, and removes what it made', () => {
    const dist = earlierDist('config');
    const before = snapshotDir(dist);
    const broken = (outdir: string) => {
      const app = new App({ outdir });
      new WebApp(new Chart(app, 'web'), 'web', { image: 'nginx' });
      return app;
    };
    expect(() => synthAtomically(broken, { outdir: dist })).toThrow(
      "WebApp 'web/web': image must be an image reference pinned",
    );
    expect(snapshotDir(dist)).toEqual(before);
    expect(siblings(dist)).toEqual(['dist']);

    const fresh = path.join(tempDir(), 'made', 'for', 'dist');
    expect(() => synthAtomically(broken, { outdir: fresh })).toThrow();
    expect(fs.readdirSync(path.dirname(path.dirname(path.dirname(fresh))))).toEqual([]);
  });

  test('leaves dist/ untouched when verification fails, after seeing the new manifests', () => {
    const dist = earlierDist('config');
    const before = snapshotDir(dist);
    let seen: unknown[] = [];
    const verify = (manifests: readonly SynthesizedManifest[], dir: string) => {
      seen = [manifests, fs.readdirSync(dir)];
      throw new Error('gate says no');
    };
    expect(() => synthAtomically(appOf('config'), { outdir: dist, verify })).toThrow(
      'gate says no',
    );
    expect(seen).toEqual([
      [
        {
          file: 'config.k8s.yaml',
          doc: {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: {
              annotations: { 'argocd.argoproj.io/sync-wave': '0' },
              name: 'config-settings',
            },
            data: { a: 'b' },
          },
        },
      ],
      ['config.k8s.yaml'],
    ]);
    expect(snapshotDir(dist)).toEqual(before);
    expect(siblings(dist)).toEqual(['dist']);
  });

  test('writes a copy with construct metadata for the cdk8s CLI, and never puts that file in outdir', () => {
    const dir = tempDir();
    const [dist, copy] = [path.join(dir, 'dist'), path.join(dir, 'cli-output')];
    const withMetadata = (outdir: string) => {
      process.env.CDK8S_RECORD_CONSTRUCT_METADATA = 'true';
      try {
        return appOf('config')(outdir);
      } finally {
        delete process.env.CDK8S_RECORD_CONSTRUCT_METADATA;
      }
    };
    synthAtomically(withMetadata, { outdir: dist, copyTo: copy });
    expect(fs.readdirSync(dist)).toEqual([OUTPUT_MARKER, 'config.k8s.yaml']);
    expect(fs.readdirSync(copy)).toEqual([
      OUTPUT_MARKER,
      'config.k8s.yaml',
      'construct-metadata.json',
    ]);
    expect(fs.readdirSync(dir).sort()).toEqual(['cli-output', 'dist']);
    expect(() =>
      synthAtomically(appOf('config'), { outdir: dist, copyTo: path.join(dist, 'x') }),
    ).toThrow(/copyTo '.*' must lie outside the output folder/);
  });
});
