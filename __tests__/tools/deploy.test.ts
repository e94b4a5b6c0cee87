import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { ENVIRONMENTS } from '../../app/environments';
import { buildStockTrader } from '../../app/stock-trader';
import { writeManifests } from '../../runtime/synth-writer';
import { applySetId, applySetParent } from '../../tools/deploy/applyset';
import { formatPlan } from '../../tools/deploy/format';
import { Plan, PlanError, planDeploy } from '../../tools/deploy/plan';
import { DeployContext, carryOut } from '../../tools/deploy/run';
import { loadObjects, parseObjects } from '../../tools/manifests';
import { runEntry, tempDir } from '../support/files';

const FAKE_KUBECTL = path.join(__dirname, '..', 'fixtures', 'fake-kubectl', 'kubectl');
/** Spawning kubectl for every step (and synthesizing, for the CLI) takes a few seconds. */
const SLOW = 60_000;

/** The deploy plan of an environment of the example, synthesized as `npm run synth` does. */
function examplePlan(environment: string): Plan {
  const app = new App({ outdir: tempDir() });
  buildStockTrader(app, ENVIRONMENTS[environment]);
  writeManifests(app);
  return planDeploy(loadObjects(app.outdir), { environment, timeoutSeconds: 300 });
}

/** A plan of hand-written manifests. */
function planOf(yaml: string): Plan {
  const objects = parseObjects(new Map([['test.yaml', yaml]]));
  return planDeploy(objects, { environment: 'test', timeoutSeconds: 60 });
}

const stepNames = (plan: Plan) =>
  plan.steps.map((step) => step.objects.map((o) => `${o.kind}/${o.name}`));

describe('the deploy plan', () => {
  test.each(['minikube', 'production'])('of %s, as --dry-run prints it', (environment) => {
    expect(formatPlan(examplePlan(environment), '0123abc')).toMatchSnapshot();
  });

  test('waits for every rollout and Job, and applies each object in the step after its dependencies', () => {
    const plan = examplePlan('minikube');
    const step = (kind: string, name: string) =>
      plan.steps.findIndex((s) => s.objects.some((o) => o.kind === kind && o.name === name));
    expect(step('Namespace', 'stock-trader')).toBe(0);
    expect(step('StatefulSet', 'db')).toBeGreaterThan(step('ServiceAccount', 'db'));
    expect(step('Job', 'migrate')).toBeGreaterThan(step('StatefulSet', 'db'));
    expect(step('Job', 'migrate')).toBeGreaterThan(step('ConfigMap', 'migrate-sql'));
    const waits = plan.steps.flatMap((s) => s.waits.map((w) => `${w.how} ${w.object.name}`));
    expect(waits).toEqual(expect.arrayContaining(['rollout db', 'job migrate']));
    expect(plan.steps.flatMap((s) => s.objects)).toHaveLength(plan.objects.length);
  });

  test('asks for the Secrets the pods read and the manifests lack, never for optional ones', () => {
    const plan = planOf(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    spec:
      containers:
        - name: web
          env:
            - { name: A, valueFrom: { secretKeyRef: { name: creds, key: user } } }
            - { name: B, valueFrom: { secretKeyRef: { name: creds, key: password } } }
            - { name: C, valueFrom: { secretKeyRef: { name: maybe, key: x, optional: true } } }
            - { name: D, valueFrom: { configMapKeyRef: { name: settings, key: mode } } }
      imagePullSecrets: [{ name: registry }]
      volumes:
        - { name: tls, secret: { secretName: tls } }
        - { name: own, configMap: { name: own } }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec: { tls: [{ hosts: [shop.example.com], secretName: shop-tls }] }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: own, namespace: shop }
`);
    expect(plan.prerequisites).toEqual([
      { kind: 'Secret', name: 'creds', keys: ['password', 'user'], usedBy: ['Deployment web'] },
      { kind: 'ConfigMap', name: 'settings', keys: ['mode'], usedBy: ['Deployment web'] },
      { kind: 'Secret', name: 'tls', keys: [], usedBy: ['Deployment web'] },
      { kind: 'Secret', name: 'registry', keys: [], usedBy: ['Deployment web'] },
      { kind: 'Secret', name: 'shop-tls', keys: ['tls.crt', 'tls.key'], usedBy: ['Ingress web'] },
    ]);
  });

  test('orders manifests without annotations by what they name: Namespace, then ConfigMaps, then pods', () => {
    const plan = planOf(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec: { template: { spec: { containers: [{ name: web, envFrom: [{ configMapRef: { name: cfg } }] }] } } }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: cfg, namespace: shop }
---
apiVersion: v1
kind: Namespace
metadata: { name: shop }
`);
    expect(stepNames(plan)).toEqual([['Namespace/shop'], ['ConfigMap/cfg'], ['Deployment/web']]);
  });

  test('follows sync waves first, then depends-on within a wave', () => {
    const plan = planOf(`
apiVersion: v1
kind: ConfigMap
metadata: { name: late, namespace: shop, annotations: { argocd.argoproj.io/sync-wave: "5" } }
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: second
  namespace: shop
  annotations: { config.kubernetes.io/depends-on: /namespaces/shop/ConfigMap/first }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: first, namespace: shop }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: early, namespace: shop, annotations: { argocd.argoproj.io/sync-wave: "-1" } }
`);
    expect(stepNames(plan)).toEqual([
      ['ConfigMap/early'],
      ['ConfigMap/first'],
      ['ConfigMap/second'],
      ['ConfigMap/late'],
    ]);
  });

  test.each([
    [
      'objects in two namespaces',
      'kind: ConfigMap\napiVersion: v1\nmetadata: { name: a, namespace: x }\n---\nkind: ConfigMap\napiVersion: v1\nmetadata: { name: b, namespace: z }',
      'the objects span 2 namespaces (x, z); one ApplySet prunes one namespace',
    ],
    [
      'no namespace at all',
      'kind: Namespace\napiVersion: v1\nmetadata: { name: x }',
      'no object names a namespace, and the ApplySet that prunes needs one',
    ],
    [
      'a malformed depends-on',
      'kind: ConfigMap\napiVersion: v1\nmetadata: { name: a, namespace: x, annotations: { config.kubernetes.io/depends-on: "ConfigMap/b" } }',
      "ConfigMap x/a: config.kubernetes.io/depends-on: 'ConfigMap/b' is not an object reference: <group>/namespaces/<namespace>/<kind>/<name> or <group>/<kind>/<name>",
    ],
    [
      'a sync wave that is not an integer',
      'kind: ConfigMap\napiVersion: v1\nmetadata: { name: a, namespace: x, annotations: { argocd.argoproj.io/sync-wave: "early" } }',
      "ConfigMap x/a: argocd.argoproj.io/sync-wave must be an integer, got 'early'",
    ],
  ])('fails on %s, in one line', (_, yaml, message) => {
    expect(() => planOf(yaml)).toThrow(new PlanError(message));
  });
});

describe('the ApplySet', () => {
  test.each([
    // kubectl's own vectors: TestApplySetParentManagement, TestApplySet_ClusterScopedCustomResourceParent.
    ['my-set', 'test', 'Secret', '', 'applyset-0eFHV8ySqp7XoShsGvyWFQD3s96yqwHmzc4e0HR1dsY-v1'],
    [
      'my-set',
      '',
      'ApplySet',
      'company.com',
      'applyset-rhp1a-HVAVT_dFgyEygyA1BEB82HPp2o10UiFTpqtAs-v1',
    ],
  ])('ID of %s in %s (%s.%s) is the one kubectl computes', (name, namespace, kind, group, id) => {
    expect(applySetId(name, namespace, kind, group)).toBe(id);
  });

  test('parent is one Secret per environment, in its namespace', () => {
    expect(applySetParent('minikube', 'stock-trader')).toEqual({
      name: 'deploy-minikube',
      namespace: 'stock-trader',
      ref: 'secrets/deploy-minikube',
      id: applySetId('deploy-minikube', 'stock-trader', 'Secret', ''),
    });
  });
});

/** A deploy of the minikube plan against the fake kubectl: exit code, output and kubectl calls. */
async function deployWithFake(
  fake: Record<string, string> = {},
  commit: string | null = 'fedcba9',
) {
  const log = path.join(tempDir(), 'kubectl.log');
  fs.writeFileSync(log, '');
  const out: string[] = [];
  const err: string[] = [];
  const context: DeployContext = {
    kubectl: FAKE_KUBECTL,
    env: { ...process.env, FAKE_KUBECTL_LOG: log, ...fake },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    redeployCommand: (commit) => `npm run deploy -- --env minikube --ref ${commit}`,
  };
  const plan = examplePlan('minikube');
  const code = await carryOut(plan, context, commit ?? undefined);
  const calls = fs
    .readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(
      (line) =>
        JSON.parse(line) as { args: string[]; applyset: string | null; input: string[] | null },
    );
  return { code, out, err, calls, plan, commands: calls.map((c) => c.args.slice(0, 3).join(' ')) };
}

describe('carrying out the plan (a fake kubectl records the calls)', () => {
  test(
    'checks, applies step by step with waits, prunes as the ApplySet, records the commit, exits 0',
    async () => {
      const { code, out, calls, plan } = await deployWithFake({
        FAKE_KUBECTL_PRUNED: 'cronjob.batch/old-report',
      });
      expect(code).toBe(0);
      const expected: string[][] = [
        ['version', '--output=json', '--request-timeout=10s'],
        ...['stock-db', 'stock-api'].map((name) => [
          ...['get', 'secret', name, '-n', 'stock-trader'],
          ...['--ignore-not-found', '-o', 'name', '--request-timeout=60s'],
        ]),
        [
          ...['get', 'secret', 'deploy-minikube', '-n', 'stock-trader', '--ignore-not-found', '-o'],
          'jsonpath={.metadata.annotations.cdk8s-webapp/deployed-commit}',
          '--request-timeout=60s',
        ],
      ];
      const stepApply = [
        ...['apply', '--server-side', '--force-conflicts', '--field-manager=cdk8s-webapp-deploy'],
        ...['-n', 'stock-trader', '-f', '-', '--request-timeout=60s'],
      ];
      // The racing wait for a failed Job is stopped once the Job completes, maybe before it logs.
      const ordered = calls
        .slice(expected.length, -2)
        .filter((c) => !c.args.includes('--for=condition=Failed'));
      let at = 0;
      for (const step of plan.steps) {
        expect(ordered[at].args).toEqual(stepApply);
        expect(ordered[at].applyset).toBeNull();
        expect(ordered[at].input).toEqual(step.objects.map((o) => `${o.kind}/${o.name}`));
        at++;
        for (const wait of step.waits) {
          const ref = `${wait.object.kind.toLowerCase()}/${wait.object.name}`;
          expect(ordered[at++].args.join(' ')).toBe(
            wait.how === 'rollout'
              ? `rollout status ${ref} -n stock-trader --timeout=300s`
              : `wait --for=condition=Complete ${ref} -n stock-trader --timeout=300s`,
          );
        }
      }
      expect(at).toBe(ordered.length);
      expect(calls.slice(0, expected.length).map((c) => c.args)).toEqual(expected);
      const [prune, record] = calls.slice(-2);
      expect(prune).toEqual({
        args: [
          'apply',
          '--server-side',
          '--force-conflicts',
          '--prune',
          '--applyset=secrets/deploy-minikube',
          ...['-n', 'stock-trader', '-f', '-', '--request-timeout=60s'],
        ],
        applyset: 'true',
        // The Namespace is applied, but never a member: a deploy never prunes it.
        input: plan.objects.filter((o) => o.kind !== 'Namespace').map((o) => `${o.kind}/${o.name}`),
      });
      expect(record.args).toEqual([
        'annotate',
        '--overwrite',
        'secret/deploy-minikube',
        '-n',
        'stock-trader',
        'cdk8s-webapp/deployed-commit=fedcba9',
        '--request-timeout=60s',
      ]);
      expect(out).toContain('    cronjob.batch/old-report pruned');
      expect(out.at(-1)).toBe(
        `Deployed minikube: ${plan.objects.length} objects in ${plan.steps.length} steps, 1 pruned.`,
      );
    },
    SLOW,
  );

  test(
    'stops at a rollout that fails: prints the object, its events and how to roll back, exits 1',
    async () => {
      const { code, err, commands, plan } = await deployWithFake({
        FAKE_KUBECTL_FAIL: 'rollout status statefulset/db',
        FAKE_KUBECTL_RECORDED: '1111111',
      });
      expect(code).toBe(1);
      const failed = plan.steps.findIndex((s) => s.objects.some((o) => o.kind === 'StatefulSet'));
      expect(commands.slice(-2)).toEqual([
        'rollout status statefulset/db',
        'events --for statefulset/db',
      ]);
      expect(commands.filter((c) => c.startsWith('apply'))).toHaveLength(failed + 1);
      expect(err).toEqual([
        `deploy: step ${failed + 1} of ${plan.steps.length} failed: StatefulSet stock-trader/db did not roll out within 300s`,
        '    error: timed out waiting for the condition',
        'Its last events (kubectl events --for statefulset/db -n stock-trader --request-timeout=60s):',
        '    LAST SEEN   TYPE      REASON    OBJECT   MESSAGE',
        '    12s         Warning   BackOff   statefulset/db   Back-off restarting failed container',
        `Steps 1 to ${failed} were applied and ready; steps ${failed + 2} to ${plan.steps.length} and the pruning were not run.`,
        'To roll back:',
        "  kubectl rollout undo statefulset/db -n stock-trader   # this object's previous revision",
        '  npm run deploy -- --env minikube --ref 1111111   # the commit the last successful deploy recorded',
      ]);
    },
    SLOW,
  );

  test(
    'stops as soon as a Job fails, with its logs command, and no pruning',
    async () => {
      const { code, err, commands } = await deployWithFake({ FAKE_KUBECTL_JOB_FAILS: '1' });
      expect(code).toBe(1);
      expect(err[0]).toMatch(/^deploy: step \d+ of \d+ failed: Job stock-trader\/migrate failed$/);
      expect(err).toContain('Its logs: kubectl logs job/migrate -n stock-trader');
      expect(err).toContain(
        'A failed Job stays until it is deleted: kubectl delete job/migrate -n stock-trader, then deploy again.',
      );
      expect(err).toContain(
        '  no earlier deploy recorded its commit: deploy a known good one with --ref <git-ref>',
      );
      expect(commands).not.toContain('apply --server-side --prune');
    },
    SLOW,
  );

  test(
    'applies nothing when a Secret the pods read is missing, and says how to create it',
    async () => {
      const { code, err, commands } = await deployWithFake({ FAKE_KUBECTL_SECRETS: '' });
      expect(code).toBe(1);
      expect(commands.filter((c) => c.startsWith('apply'))).toEqual([]);
      expect(err).toEqual([
        'deploy: nothing applied: 2 objects the pods read must exist first in namespace stock-trader:',
        '  Secret stock-db (key password), read by StatefulSet db, Job migrate, CronJob nightly-report',
        '  Secret stock-api (keys db-uri, password), read by Job migrate, Deployment api',
        'Create them (the namespace too, if it does not exist yet), then deploy again:',
        '  kubectl create namespace stock-trader',
        "  kubectl create secret generic stock-db -n stock-trader --from-literal=password='<password>'",
        "  kubectl create secret generic stock-api -n stock-trader --from-literal=db-uri='<db-uri>' --from-literal=password='<password>'",
      ]);
    },
    SLOW,
  );

  test(
    'removes the recorded commit after deploying uncommitted changes, so none passes for them',
    async () => {
      const { code, calls } = await deployWithFake({}, null);
      expect(code).toBe(0);
      expect(calls.at(-1)?.args).toEqual([
        ...['annotate', '--overwrite', 'secret/deploy-minikube', '-n', 'stock-trader'],
        ...['cdk8s-webapp/deployed-commit-', '--request-timeout=60s'],
      ]);
    },
    SLOW,
  );

  test(
    'exits 2 with one line when no cluster answers',
    async () => {
      const { code, err, commands } = await deployWithFake({ FAKE_KUBECTL_NO_CLUSTER: '1' });
      expect(code).toBe(2);
      expect(err).toEqual([
        'deploy: no cluster reachable: The connection to the server localhost:8080 was refused - did you specify the right host or port?',
      ]);
      expect(commands).toEqual(['version --output=json --request-timeout=10s']);
    },
    SLOW,
  );

  test(
    'says how to replace a Job whose pod template changed, when kubectl refuses the change',
    async () => {
      const { code, err } = await deployWithFake({
        FAKE_KUBECTL_FAIL: 'Job/migrate',
        FAKE_KUBECTL_FAIL_WITH:
          'The Job "migrate" is invalid: spec.template: Invalid value: ...: field is immutable',
      });
      expect(code).toBe(1);
      expect(err).toContain(
        "A Job's pod template cannot change: kubectl delete job/migrate -n stock-trader, then deploy again.",
      );
    },
    SLOW,
  );
});

describe('npm run deploy', () => {
  /** A PATH with git but no kubectl. */
  function pathWithoutKubectl(): string {
    const dir = tempDir();
    fs.symlinkSync('/usr/bin/git', path.join(dir, 'git'));
    return dir;
  }

  test(
    'prints the plan with --dry-run, with no kubectl and no cluster',
    () => {
      const result = runEntry('tools/deploy/cli.ts', { PATH: pathWithoutKubectl() }, ['--dry-run']);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(
        /^Deploy of minikube into namespace stock-trader: \d+ steps, then pruning/,
      );
      expect(result.status).toBe(0);
    },
    SLOW,
  );

  test(
    'deploys through the kubectl on PATH',
    () => {
      const dir = tempDir();
      fs.symlinkSync(FAKE_KUBECTL, path.join(dir, 'kubectl'));
      const log = path.join(dir, 'log');
      const env = { PATH: `${dir}${path.delimiter}${process.env.PATH}`, FAKE_KUBECTL_LOG: log };
      const result = runEntry('tools/deploy/cli.ts', env, [
        '--env',
        'production',
        '--timeout',
        '90s',
      ]);
      expect(result.stdout).toMatch(
        /\nDeployed production: \d+ objects in \d+ steps, 0 pruned\.\n$/,
      );
      expect(fs.readFileSync(log, 'utf8')).toContain(
        '"rollout","status","deployment/web-blue","-n","stock-trader-production","--timeout=90s"',
      );
      expect(result.status).toBe(0);
    },
    SLOW,
  );

  test.each([
    [
      ['--env', 'Prod'],
      "deploy: --env must be an environment name (lower-case letters, digits, '-'), got 'Prod'",
    ],
    [
      ['--timeout', 'soon'],
      "deploy: --timeout must be a duration from 1s to 24h, such as 90s or 5m, got 'soon'",
    ],
    [['--bogus'], "deploy: unknown option '--bogus'"],
  ])(
    'refuses %j with usage, exit 2',
    (args, message) => {
      const result = runEntry('tools/deploy/cli.ts', {}, args);
      expect(result.stderr.split('\n')[0]).toBe(message);
      expect(result.status).toBe(2);
    },
    SLOW,
  );

  test(
    'exits 2 with one line when kubectl is not on PATH',
    () => {
      const result = runEntry('tools/deploy/cli.ts', { PATH: pathWithoutKubectl() }, []);
      expect(result.stderr).toBe(
        'deploy: kubectl is not on PATH: install it (https://kubernetes.io/docs/tasks/tools/) and deploy again\n',
      );
      expect(result.status).toBe(2);
    },
    SLOW,
  );

  test(
    'plans the app as it is at a git revision, and refuses one that does not exist',
    () => {
      const atHead = runEntry('tools/deploy/cli.ts', {}, ['--dry-run', '--ref', 'HEAD']);
      expect(atHead.stdout).toMatch(/^Deploy of minikube into namespace stock-trader/);
      expect(atHead.stdout).toMatch(
        /cdk8s-webapp\/deployed-commit=[0-9a-f]{40} --request-timeout=60s\n$/,
      );
      const unknown = runEntry('tools/deploy/cli.ts', {}, ['--dry-run', '--ref', 'no-such-ref']);
      expect(unknown.stderr.split('\n')[0]).toBe(
        "deploy: --ref must be a git revision of this repository, got 'no-such-ref'",
      );
      expect(unknown.status).toBe(2);
    },
    SLOW,
  );
});
