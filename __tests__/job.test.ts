import { Chart, Duration, Testing } from 'cdk8s';
import {
  HookDeletePolicy,
  Job,
  JobProps,
  NetworkPeer,
  RestartPolicy,
  SyncPhase,
  WebApp,
} from '../src';
import { expectRestrictedPod } from './support/synth';

const IMAGE = 'ghcr.io/acme/migrate:1.4.2';

type Manifest = ReturnType<typeof Testing.synth>[number];

/** The synthesized objects of a chart, by kind and name. */
function synth(chart: Chart): Record<string, Manifest> {
  const objects: Record<string, Manifest> = {};
  for (const o of Testing.synth(chart)) {
    objects[`${o.kind}/${o.metadata.name}`] = o;
  }
  return objects;
}

function job(props: Partial<JobProps> = {}) {
  const chart = Testing.chart();
  const construct = new Job(chart, 'migrate', { image: IMAGE, ...props });
  return { chart, construct, objects: synth(chart) };
}

describe('Job', () => {
  test('matches the snapshot of its defaults', () => {
    const chart = Testing.chart();
    new Job(chart, 'migrate', { image: IMAGE });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('writes a Job, a ServiceAccount and a NetworkPolicy, and no Service', () => {
    const { objects } = job();
    expect(Object.keys(objects).sort()).toEqual([
      'Job/migrate',
      'NetworkPolicy/migrate',
      'ServiceAccount/migrate',
    ]);
  });

  test('has a 10-minute deadline, a 1-hour TTL, 3 retries and one pod by default', () => {
    const spec = job().objects['Job/migrate'].spec;
    expect(spec.activeDeadlineSeconds).toBe(600);
    expect(spec.ttlSecondsAfterFinished).toBe(3600);
    expect(spec.backoffLimit).toBe(3);
    expect(spec.completions).toBe(1);
    expect(spec.parallelism).toBe(1);
    expect(spec.template.spec.restartPolicy).toBe('Never');
  });

  test('writes the job settings it is given', () => {
    const spec = job({
      activeDeadline: Duration.hours(2),
      ttlAfterFinished: Duration.seconds(0),
      backoffLimit: 0,
      completions: 10,
      parallelism: 5,
      restartPolicy: RestartPolicy.ON_FAILURE,
    }).objects['Job/migrate'].spec;
    expect(spec).toMatchObject({
      activeDeadlineSeconds: 7200,
      ttlSecondsAfterFinished: 0,
      backoffLimit: 0,
      completions: 10,
      parallelism: 5,
    });
    expect(spec.template.spec.restartPolicy).toBe('OnFailure');
  });

  test('labels the Job and its pods with the component job', () => {
    const { objects, construct } = job();
    expect(objects['Job/migrate'].metadata.labels['app.kubernetes.io/component']).toBe('job');
    expect(objects['Job/migrate'].spec.template.metadata.labels).toEqual(construct.labels);
    expect(objects['Job/migrate'].spec.selector).toBeUndefined();
  });

  test('runs its pods with the restricted security context and without a token', () => {
    const { objects } = job();
    const pod = objects['Job/migrate'].spec.template.spec;
    expectRestrictedPod(pod);
    expect(pod.containers[0].ports).toBeUndefined();
    expect(pod.containers[0].readinessProbe).toBeUndefined();
    expect(pod.serviceAccountName).toBe('migrate');
    expect(objects['ServiceAccount/migrate'].automountServiceAccountToken).toBe(false);
  });

  test('denies all traffic but DNS egress by default', () => {
    const policy = job().objects['NetworkPolicy/migrate'].spec;
    expect(policy.podSelector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'migrate',
      'app.kubernetes.io/component': 'job',
    });
    expect(policy.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.ingress ?? []).toEqual([]);
    expect(policy.egress).toEqual([
      {
        to: [
          {
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
          },
        ],
        ports: [
          { port: 53, protocol: 'UDP' },
          { port: 53, protocol: 'TCP' },
        ],
      },
    ]);
  });

  test('writes both sides of the traffic when it connects to a WebApp', () => {
    const chart = Testing.chart();
    const api = new WebApp(chart, 'api', { image: 'ghcr.io/acme/api:3.1.0' });
    new Job(chart, 'migrate', { image: IMAGE }).connectTo(api);
    const objects = synth(chart);
    expect(objects['NetworkPolicy/migrate'].spec.egress[1]).toEqual({
      to: [{ podSelector: { matchLabels: api.selector } }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    });
    expect(objects['NetworkPolicy/api'].spec.ingress).toContainEqual({
      from: [
        {
          podSelector: {
            matchLabels: {
              'app.kubernetes.io/name': 'migrate',
              'app.kubernetes.io/component': 'job',
            },
          },
        },
      ],
      ports: [{ port: 8080, protocol: 'TCP' }],
    });
  });

  test('counts sidecars added after construction', () => {
    const { chart, construct } = job();
    construct.addSidecar({ name: 'proxy', image: 'ghcr.io/acme/proxy:1.0.0' });
    const pod = synth(chart)['Job/migrate'].spec.template.spec;
    expect(pod.containers.map((c: { name: string }) => c.name)).toEqual(['migrate', 'proxy']);
  });

  test.each([
    [
      'its name is longer than 63 characters',
      { name: 'm'.repeat(64) },
      'name must be a DNS-1123 label of at most 63 characters',
    ],
  ])('fails if %s', (_what, props: Partial<JobProps>, message) => {
    expect(() => job(props)).toThrow(`Job 'test/migrate': ${message}`);
  });

  test.each([
    [
      { phase: SyncPhase.SYNC },
      {
        'argocd.argoproj.io/hook': 'Sync',
        'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
      },
    ],
    [
      {
        phase: SyncPhase.PRE_SYNC,
        deletePolicies: [HookDeletePolicy.BEFORE_HOOK_CREATION, HookDeletePolicy.HOOK_SUCCEEDED],
      },
      {
        'argocd.argoproj.io/hook': 'PreSync',
        'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation,HookSucceeded',
      },
    ],
  ])('runs as the Argo CD hook %j', (argoCdHook, annotations) => {
    const { objects } = job({ argoCdHook });
    expect(objects['Job/migrate'].metadata.annotations).toEqual(annotations);
  });

  test('is no Argo CD hook by default', () => {
    expect(job().objects['Job/migrate'].metadata.annotations).toBeUndefined();
  });

  test.each([
    [
      { phase: 'BeforeSync' },
      "argoCdHook.phase must be one of 'PreSync', 'Sync', 'PostSync', 'SyncFail', got 'BeforeSync'",
    ],
    [
      { phase: SyncPhase.SYNC, deletePolicies: ['Never'] },
      "argoCdHook.deletePolicies[0] must be one of 'BeforeHookCreation', 'HookSucceeded', 'HookFailed', got 'Never'",
    ],
    [
      { phase: SyncPhase.SYNC, wave: 1 },
      "argoCdHook.wave must be left out: Argo CD hook settings have no 'wave'",
    ],
  ])('fails if the Argo CD hook is %j', (argoCdHook, message) => {
    expect(() => job({ argoCdHook } as unknown as Partial<JobProps>)).toThrow(
      `Job 'test/migrate': ${message}`,
    );
  });

  test('fails if traffic is allowed in without ports, as it exposes none', () => {
    const { construct } = job();
    expect(() => construct.allowFrom(NetworkPeer.namespace('monitoring'))).toThrow(
      "Job 'test/migrate': allowFrom ports must be at least one port, got []",
    );
  });

  test('fails if a WebApp connects to it, as it exposes no ports', () => {
    const chart = Testing.chart();
    const api = new WebApp(chart, 'api', { image: 'ghcr.io/acme/api:3.1.0' });
    const migrate = new Job(chart, 'migrate', { image: IMAGE });
    expect(() => api.connectTo(migrate)).toThrow(
      "WebApp 'test/api': connectTo target must be a workload that exposes ports, got 'test/migrate'",
    );
  });
});
