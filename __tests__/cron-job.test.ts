import { Chart, Duration, Testing } from 'cdk8s';
import { ConcurrencyPolicy, CronJob, CronJobProps, RestartPolicy, WebApp } from '../src';
import { expectRestrictedPod } from './support/synth';

const IMAGE = 'ghcr.io/acme/report:2.0.1';

type Manifest = ReturnType<typeof Testing.synth>[number];

/** The synthesized objects of a chart, by kind and name. */
function synth(chart: Chart): Record<string, Manifest> {
  const objects: Record<string, Manifest> = {};
  for (const o of Testing.synth(chart)) {
    objects[`${o.kind}/${o.metadata.name}`] = o;
  }
  return objects;
}

function cronJob(props: Partial<CronJobProps> = {}) {
  const chart = Testing.chart();
  const construct = new CronJob(chart, 'report', { image: IMAGE, schedule: '0 3 * * *', ...props });
  return { chart, construct, objects: synth(chart) };
}

describe('CronJob', () => {
  test('matches the snapshot of its defaults', () => {
    const chart = Testing.chart();
    new CronJob(chart, 'report', { image: IMAGE, schedule: '0 3 * * *' });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('writes a CronJob, a ServiceAccount and a NetworkPolicy, and no Service', () => {
    expect(Object.keys(cronJob().objects).sort()).toEqual([
      'CronJob/report',
      'NetworkPolicy/report',
      'ServiceAccount/report',
    ]);
  });

  test('forbids overlapping runs, starts late runs within 5 minutes and keeps a short history by default', () => {
    const spec = cronJob().objects['CronJob/report'].spec;
    expect(spec).toMatchObject({
      schedule: '0 3 * * *',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      suspend: false,
    });
    expect(spec.timeZone).toBeUndefined();
  });

  test('gives its Jobs a 10-minute deadline, a 1-day TTL and 3 retries by default', () => {
    const job = cronJob().objects['CronJob/report'].spec.jobTemplate.spec;
    expect(job).toMatchObject({
      activeDeadlineSeconds: 600,
      ttlSecondsAfterFinished: 86400,
      backoffLimit: 3,
      completions: 1,
      parallelism: 1,
    });
    expect(job.template.spec.restartPolicy).toBe('Never');
  });

  test('writes the schedule settings it is given', () => {
    const spec = cronJob({
      schedule: '@hourly',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: ConcurrencyPolicy.REPLACE,
      startingDeadline: Duration.seconds(30),
      successfulJobsHistoryLimit: 0,
      failedJobsHistoryLimit: 5,
      suspend: true,
    }).objects['CronJob/report'].spec;
    expect(spec).toMatchObject({
      schedule: '@hourly',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Replace',
      startingDeadlineSeconds: 30,
      successfulJobsHistoryLimit: 0,
      failedJobsHistoryLimit: 5,
      suspend: true,
    });
  });

  test('writes the job settings it is given into the jobTemplate', () => {
    const job = cronJob({
      activeDeadline: Duration.minutes(30),
      ttlAfterFinished: Duration.hours(6),
      backoffLimit: 1,
      completions: 4,
      parallelism: 2,
      restartPolicy: RestartPolicy.ON_FAILURE,
    }).objects['CronJob/report'].spec.jobTemplate.spec;
    expect(job).toMatchObject({
      activeDeadlineSeconds: 1800,
      ttlSecondsAfterFinished: 21600,
      backoffLimit: 1,
      completions: 4,
      parallelism: 2,
    });
    expect(job.template.spec.restartPolicy).toBe('OnFailure');
  });

  test('labels the CronJob, its Jobs and their pods with the component cronjob', () => {
    const { objects, construct } = cronJob();
    const spec = objects['CronJob/report'].spec;
    expect(construct.labels['app.kubernetes.io/component']).toBe('cronjob');
    expect(objects['CronJob/report'].metadata.labels).toEqual(construct.labels);
    expect(spec.jobTemplate.metadata.labels).toEqual(construct.labels);
    expect(spec.jobTemplate.spec.template.metadata.labels).toEqual(construct.labels);
  });

  test('runs its pods with the restricted security context and without a token', () => {
    const { objects } = cronJob();
    const pod = objects['CronJob/report'].spec.jobTemplate.spec.template.spec;
    expectRestrictedPod(pod);
    expect(pod.serviceAccountName).toBe('report');
    expect(objects['ServiceAccount/report'].automountServiceAccountToken).toBe(false);
  });

  test('denies all traffic but DNS egress by default', () => {
    const policy = cronJob().objects['NetworkPolicy/report'].spec;
    expect(policy.podSelector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'report',
      'app.kubernetes.io/component': 'cronjob',
    });
    expect(policy.ingress ?? []).toEqual([]);
    expect(policy.egress).toHaveLength(1);
    expect(policy.egress[0].ports).toEqual([
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ]);
  });

  test('writes both sides of the traffic when it connects to a WebApp in another namespace', () => {
    const app = Testing.app();
    const web = new Chart(app, 'web', { namespace: 'shop' });
    const batch = new Chart(app, 'batch', { namespace: 'reports' });
    const api = new WebApp(web, 'api', { image: 'ghcr.io/acme/api:3.1.0' });
    new CronJob(batch, 'report', { image: IMAGE, schedule: '@daily' }).connectTo(api);
    const cronJobSelector = {
      'app.kubernetes.io/name': 'report',
      'app.kubernetes.io/component': 'cronjob',
    };
    expect(synth(batch)['NetworkPolicy/report'].spec.egress[1]).toEqual({
      to: [
        {
          podSelector: { matchLabels: api.selector },
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
        },
      ],
      ports: [{ port: 8080, protocol: 'TCP' }],
    });
    expect(synth(web)['NetworkPolicy/api'].spec.ingress).toContainEqual({
      from: [
        {
          podSelector: { matchLabels: cronJobSelector },
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'reports' } },
        },
      ],
      ports: [{ port: 8080, protocol: 'TCP' }],
    });
  });

  test.each([
    [
      'a schedule field is out of range',
      { schedule: '0 25 * * *' },
      "schedule field 2 (hour) must be 0-23, got '25' in '0 25 * * *'",
    ],
    [
      'the schedule has four fields',
      { schedule: '0 3 * *' },
      "schedule must be five fields (minute hour day-of-month month day-of-week) or one of the macros @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, got '0 3 * *'",
    ],
    [
      'the schedule carries a time zone prefix',
      { schedule: 'CRON_TZ=Europe/Berlin 0 3 * * *' },
      "schedule must be without a TZ= or CRON_TZ= prefix (Kubernetes refuses it; set the timeZone prop instead), got 'CRON_TZ=Europe/Berlin 0 3 * * *'",
    ],
    [
      'the time zone is unknown',
      { timeZone: 'Europe/Atlantis' },
      "timeZone must be an IANA time zone name such as 'Europe/Berlin' or 'Etc/UTC' that the IANA time zone database knows, got 'Europe/Atlantis'",
    ],
    [
      'the time zone is an offset',
      { timeZone: '+02:00' },
      "timeZone must be an IANA time zone name such as 'Europe/Berlin' or 'Etc/UTC', got '+02:00'",
    ],
    [
      'concurrencyPolicy is not one of the policies',
      { concurrencyPolicy: 'Never' as ConcurrencyPolicy },
      "concurrencyPolicy must be one of 'Forbid', 'Replace', 'Allow', got 'Never'",
    ],
    [
      'startingDeadline is shorter than 10 seconds',
      { startingDeadline: Duration.seconds(5) },
      "startingDeadline must be a whole number of seconds from 10 seconds to 30 days, got '5 seconds'",
    ],
    [
      'successfulJobsHistoryLimit is negative',
      { successfulJobsHistoryLimit: -1 },
      'successfulJobsHistoryLimit must be an integer from 0 to 100, got -1',
    ],
    [
      'failedJobsHistoryLimit is above 100',
      { failedJobsHistoryLimit: 101 },
      'failedJobsHistoryLimit must be an integer from 0 to 100, got 101',
    ],
    [
      'suspend is not a boolean',
      { suspend: 'yes' as unknown as boolean },
      "suspend must be true or false, got 'yes'",
    ],
    [
      'its name is longer than 52 characters',
      { name: 'r'.repeat(53) },
      'name must be a DNS-1123 label of at most 52 characters',
    ],
  ])('fails if %s', (_what, props: Partial<CronJobProps>, message) => {
    expect(() => cronJob(props)).toThrow(`CronJob 'test/report': ${message}`);
  });
});
