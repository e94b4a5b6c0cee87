import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readValidator, writeValidator } from '../../gate/validator-cache';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
type Change = (
  get: (kind: string, name?: string) => Doc,
  docs: { file: string; doc: Doc }[],
) => void;

/** The valid set, and changes that break it in each way the schema messages tell apart. */
const CHANGES: Record<string, Change> = {
  valid: () => {},
  'unknown field': (get) => {
    get('Deployment').spec.template.spec.containers[0].imagePullSecret = 'x';
    get('Service', 'web').metadata.label = { a: 'b' };
  },
  'wrong type': (get) => {
    get('Deployment').spec.replicas = '2';
    get('StatefulSet').spec.template.spec.containers[0].securityContext.capabilities.drop = [null];
  },
  'missing required field': (get) => {
    delete get('Deployment').spec.template.spec.containers[0].name;
  },
  'int-or-string and quantity': (get) => {
    const container = get('Deployment').spec.template.spec.containers[0];
    container.readinessProbe.httpGet.port = true;
    container.resources.limits.cpu = '500x';
  },
  enum: (get) => {
    get('Deployment').spec.template.spec.containers[0].imagePullPolicy = 'Sometimes';
  },
  'ajv-formats formats': (get, docs) => {
    get('CronJob').status = { lastScheduleTime: 'yesterday' };
    docs.push({
      file: 'extra.yaml',
      doc: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's', namespace: 'shop' },
        data: { key: 'not base64!' },
      },
    });
  },
};

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-cache-'));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the gate on every case of {@link CHANGES} in a fresh copy of the gate's modules, as a new
 * process would, with its validator cache in `dir`; returns the findings by case.
 */
async function checkFresh(): Promise<Record<string, unknown>> {
  const findings: Record<string, unknown> = {};
  await jest.isolateModulesAsync(async () => {
    const { setSchemaCacheDir } = await import('../../gate/schema');
    const { checkChanged } = await import('./helpers');
    setSchemaCacheDir(dir);
    for (const [name, change] of Object.entries(CHANGES)) {
      findings[name] = checkChanged(change).findings;
    }
  });
  return findings;
}

/** The cache entries, each with the identity of the file that holds it now. */
function entries(): Map<string, string> {
  return new Map(
    fs.readdirSync(dir).map((name) => {
      const stat = fs.statSync(path.join(dir, name));
      return [name, `${stat.ino} ${stat.mtimeMs}`];
    }),
  );
}

describe('the validator cache', () => {
  test('a first check writes one entry per kind it met', async () => {
    await checkFresh();
    const names = fs.readdirSync(dir).sort();
    expect(names).toContainEqual(
      expect.stringMatching(/^io\.k8s\.api\.apps\.v1\.Deployment-\w{16}\.js$/),
    );
    expect(names.map((name) => name.replace(/-\w{16}\.js$/, ''))).toEqual([
      'io.k8s.api.apps.v1.Deployment',
      'io.k8s.api.apps.v1.StatefulSet',
      'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
      'io.k8s.api.batch.v1.CronJob',
      'io.k8s.api.batch.v1.Job',
      'io.k8s.api.core.v1.Namespace',
      'io.k8s.api.core.v1.Secret',
      'io.k8s.api.core.v1.Service',
      'io.k8s.api.core.v1.ServiceAccount',
      'io.k8s.api.networking.v1.Ingress',
      'io.k8s.api.networking.v1.NetworkPolicy',
      'io.k8s.api.policy.v1.PodDisruptionBudget',
    ]);
  });

  test('a second check loads the entries and finds exactly the same', async () => {
    const compiled = await checkFresh();
    const written = entries();
    const loaded = await checkFresh();
    expect(entries()).toEqual(written);
    expect(loaded).toEqual(compiled);
    expect(compiled.valid).toEqual([]);
    for (const name of Object.keys(CHANGES).filter((n) => n !== 'valid')) {
      expect(compiled[name]).toContainEqual(expect.objectContaining({ rule: 'schema' }));
    }
    expect(compiled['ajv-formats formats']).toEqual([
      expect.objectContaining({
        path: 'status.lastScheduleTime',
        message: 'must be a valid date-time, got "yesterday"',
      }),
      expect.objectContaining({
        path: 'data.key',
        message: 'must be a valid byte, got "not base64!"',
      }),
    ]);
  });

  test('a corrupt entry is ignored and written again', async () => {
    const compiled = await checkFresh();
    const deployment = fs.readdirSync(dir).find((name) => name.includes('.Deployment-'));
    const file = path.join(dir, deployment ?? 'missing');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.slice(0, text.length / 2));
    expect(readValidator(file)).toBeUndefined();
    expect(await checkFresh()).toEqual(compiled);
    expect(readValidator(file)).toEqual(expect.any(Function));
  });

  test('an entry whose code does not give a function is ignored', () => {
    const file = path.join(dir, 'sub', 'entry.js');
    writeValidator(file, 'module.exports = 42;');
    expect(readValidator(file)).toBeUndefined();
    writeValidator(file, 'throw new Error("broken");');
    expect(readValidator(file)).toBeUndefined();
    writeValidator(file, 'module.exports = () => true;');
    expect(readValidator(file)).toEqual(expect.any(Function));
    expect(fs.readdirSync(path.dirname(file))).toEqual(['entry.js']);
  });
});
