import { App, Chart } from 'cdk8s';
import * as fs from 'fs';
import * as path from 'path';
import * as k8s from '../imports/k8s';
import { SynthesizedManifest, WebApp, synthAtomically } from '../src';
import { runEntry, snapshotDir, tempDir } from './support/files';

/** A dist/ folder with a stale file and a manifest in it, as a previous synth would leave. */
function existingDist(): string {
  const dist = path.join(tempDir(), 'dist');
  fs.mkdirSync(dist);
  fs.writeFileSync(path.join(dist, 'old.k8s.yaml'), 'kind: ConfigMap\n');
  fs.writeFileSync(path.join(dist, 'removed.k8s.yaml'), 'kind: Secret\n');
  return dist;
}

function configMapApp(outdir: string): App {
  const app = new App({ outdir });
  new k8s.KubeConfigMap(new Chart(app, 'config'), 'cm', {
    metadata: { name: 'settings' },
    data: { a: 'b' },
  });
  return app;
}

describe('synthAtomically', () => {
  test('replaces dist/ as a whole: new files in, stale files gone', () => {
    const dist = existingDist();
    synthAtomically(configMapApp, { outdir: dist });
    expect(fs.readdirSync(dist)).toEqual(['config.k8s.yaml']);
    expect(fs.readdirSync(path.dirname(dist))).toEqual(['dist']);
  });

  test('creates dist/ when there is none', () => {
    const dist = path.join(tempDir(), 'nested', 'dist');
    synthAtomically(configMapApp, { outdir: dist });
    expect(fs.readdirSync(dist)).toEqual(['config.k8s.yaml']);
  });

  test('leaves dist/ byte-for-byte untouched when the app fails to build', () => {
    const dist = existingDist();
    const before = snapshotDir(dist);
    const broken = (outdir: string) => {
      const app = new App({ outdir });
      new WebApp(new Chart(app, 'web'), 'web', { image: 'nginx' });
      return app;
    };
    expect(() => synthAtomically(broken, { outdir: dist })).toThrow(
      'image must be an image with a tag',
    );
    expect(snapshotDir(dist)).toEqual(before);
    expect(fs.readdirSync(path.dirname(dist))).toEqual(['dist']);
  });

  test('leaves dist/ untouched when verification fails, after seeing the new manifests', () => {
    const dist = existingDist();
    const before = snapshotDir(dist);
    let seen: unknown[] = [];
    const verify = (manifests: readonly SynthesizedManifest[], dir: string) => {
      seen = [manifests, fs.readdirSync(dir)];
      throw new Error('gate says no');
    };
    expect(() => synthAtomically(configMapApp, { outdir: dist, verify })).toThrow('gate says no');
    expect(seen).toEqual([
      [
        {
          file: 'config.k8s.yaml',
          doc: {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'settings' },
            data: { a: 'b' },
          },
        },
      ],
      ['config.k8s.yaml'],
    ]);
    expect(snapshotDir(dist)).toEqual(before);
    expect(fs.readdirSync(path.dirname(dist))).toEqual(['dist']);
  });
});

describe('a synth program (runSynth)', () => {
  test('fails if the app is invalid: non-zero exit, one clear line, no stack, dist/ untouched', () => {
    const dist = existingDist();
    const before = snapshotDir(dist);
    const result = runEntry('__tests__/fixtures/broken-app.ts', { CDK8S_OUTDIR: dist });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "error: WebApp 'broken/web': replicas must be an integer from 1 to 1000, got -2\n",
    );
    expect(snapshotDir(dist)).toEqual(before);
  });

  test('fails if the manifests fail the gate, naming file, object and rule; dist/ untouched', () => {
    const dist = existingDist();
    const before = snapshotDir(dist);
    const result = runEntry('__tests__/fixtures/gate-failing-app.ts', { CDK8S_OUTDIR: dist });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: manifest gate failed:\n/);
    expect(result.stderr).toContain('unsafe.k8s.yaml: Pod/unsafe: spec.containers[0]');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(snapshotDir(dist)).toEqual(before);
  });

  test('fails if APP_ENV names no environment, and says which exist', () => {
    const dist = existingDist();
    const before = snapshotDir(dist);
    const result = runEntry('main.ts', { CDK8S_OUTDIR: dist, APP_ENV: 'staging' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "error: APP_ENV must be one of 'minikube', 'production', got 'staging'\n",
    );
    expect(snapshotDir(dist)).toEqual(before);
  });
});
