import { Chart, Duration, Testing } from 'cdk8s';
import { Job, JobProps, NetworkPeer, RestartPolicy, WebApp } from '../src';
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
  it('matches the snapshot of its defaults', () => {
    const chart = Testing.chart();
    new Job(chart, 'migrate', { image: IMAGE });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  it('writes a Job, a ServiceAccount and a NetworkPolicy, and no Service', () => {
    const { objects } = job();
    expect(Object.keys(objects).sort()).toEqual([
      'Job/migrate',
      'NetworkPolicy/migrate',
      'ServiceAccount/migrate',
    ]);
  });

  it('has a 10-minute deadline, a 1-hour TTL, 3 retries and one pod by default', () => {
    const spec = job().objects['Job/migrate'].spec;
    expect(spec.activeDeadlineSeconds).toBe(600);
    expect(spec.ttlSecondsAfterFinished).toBe(3600);
    expect(spec.backoffLimit).toBe(3);
    expect(spec.completions).toBe(1);
    expect(spec.parallelism).toBe(1);
    expect(spec.template.spec.restartPolicy).toBe('Never');
  });

  it('writes the job settings it is given', () => {
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

  it('labels the Job and its pods with the component job', () => {
    const { objects, construct } = job();
    expect(objects['Job/migrate'].metadata.labels['app.kubernetes.io/component']).toBe('job');
    expect(objects['Job/migrate'].spec.template.metadata.labels).toEqual(construct.labels);
    expect(objects['Job/migrate'].spec.selector).toBeUndefined();
  });

  it('runs its pods with the restricted security context and without a token', () => {
    const { objects } = job();
    const pod = objects['Job/migrate'].spec.template.spec;
    expectRestrictedPod(pod);
    expect(pod.containers[0].ports).toBeUndefined();
    expect(pod.containers[0].readinessProbe).toBeUndefined();
    expect(pod.serviceAccountName).toBe('migrate');
    expect(objects['ServiceAccount/migrate'].automountServiceAccountToken).toBe(false);
  });

  it('denies all traffic but DNS egress by default', () => {
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

  it('writes both sides of the traffic when it connects to a WebApp', () => {
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

  it('counts sidecars added after construction', () => {
    const { chart, construct } = job();
    construct.addSidecar({ name: 'proxy', image: 'ghcr.io/acme/proxy:1.0.0' });
    const pod = synth(chart)['Job/migrate'].spec.template.spec;
    expect(pod.containers.map((c: { name: string }) => c.name)).toEqual(['migrate', 'proxy']);
  });

  it('fails if backoffLimit is negative', () => {
    expect(() => job({ backoffLimit: -1 })).toThrow(
      "Job 'test/migrate': backoffLimit must be an integer from 0 to 100, got -1",
    );
  });

  it('fails if completions is 0', () => {
    expect(() => job({ completions: 0 })).toThrow(
      "Job 'test/migrate': completions must be an integer from 1 to 10000, got 0",
    );
  });

  it('fails if parallelism is not an integer', () => {
    expect(() => job({ parallelism: 1.5 })).toThrow(
      "Job 'test/migrate': parallelism must be an integer from 1 to 1000, got 1.5",
    );
  });

  it('fails if parallelism is above completions', () => {
    expect(() => job({ completions: 2, parallelism: 5 })).toThrow(
      "Job 'test/migrate': parallelism must be at most completions (2); more pods than completions would never run, got 5",
    );
  });

  it('fails if restartPolicy is Always', () => {
    expect(() => job({ restartPolicy: 'Always' as RestartPolicy })).toThrow(
      "Job 'test/migrate': restartPolicy must be one of 'Never', 'OnFailure', got 'Always'",
    );
  });

  it('fails if activeDeadline is zero', () => {
    expect(() => job({ activeDeadline: Duration.seconds(0) })).toThrow(
      "Job 'test/migrate': activeDeadline must be a whole number of seconds from 1 second to 30 days, got '0 seconds'",
    );
  });

  it('fails if activeDeadline is not a whole number of seconds', () => {
    expect(() => job({ activeDeadline: Duration.millis(1500) })).toThrow(
      "Job 'test/migrate': activeDeadline must be a whole number of seconds from 1 second to 30 days, got '1.5 seconds'",
    );
  });

  it('fails if activeDeadline is a bare number', () => {
    expect(() => job({ activeDeadline: 600 as unknown as Duration })).toThrow(
      "Job 'test/migrate': activeDeadline must be a Duration, such as Duration.seconds(30), got 600",
    );
  });

  it('fails if ttlAfterFinished is longer than 30 days', () => {
    expect(() => job({ ttlAfterFinished: Duration.days(31) })).toThrow(
      "Job 'test/migrate': ttlAfterFinished must be a whole number of seconds from 0 seconds to 30 days, got '31 days'",
    );
  });

  it('fails if its name is longer than 63 characters', () => {
    expect(() => job({ name: 'm'.repeat(64) })).toThrow(
      `Job 'test/migrate': name must be a DNS-1123 label of at most 63 characters`,
    );
  });

  it('fails if traffic is allowed in without ports, as it exposes none', () => {
    const { construct } = job();
    expect(() => construct.allowFrom(NetworkPeer.namespace('monitoring'))).toThrow(
      "Job 'test/migrate': allowFrom ports must be at least one port, got []",
    );
  });

  it('fails if a WebApp connects to it, as it exposes no ports', () => {
    const chart = Testing.chart();
    const api = new WebApp(chart, 'api', { image: 'ghcr.io/acme/api:3.1.0' });
    const migrate = new Job(chart, 'migrate', { image: IMAGE });
    expect(() => api.connectTo(migrate)).toThrow(
      "WebApp 'test/api': connectTo target must be a workload that exposes ports, got 'test/migrate'",
    );
  });
});
