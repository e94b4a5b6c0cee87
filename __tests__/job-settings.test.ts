import { Duration, Testing } from 'cdk8s';
import { CronJob, Job, JobSettings, RestartPolicy } from '../src';

/** What Job and CronJob share: the settings of the Jobs they run, refused the same way. */
const constructs: [string, (settings: JobSettings) => void][] = [
  ['Job', (s) => new Job(Testing.chart(), 'work', { image: 'busybox:1.36.1', ...s })],
  [
    'CronJob',
    (s) =>
      new CronJob(Testing.chart(), 'work', { image: 'busybox:1.36.1', schedule: '@daily', ...s }),
  ],
];

const cases: [string, JobSettings, string][] = [
  [
    'backoffLimit is negative',
    { backoffLimit: -1 },
    'backoffLimit must be an integer from 0 to 100, got -1',
  ],
  ['completions is 0', { completions: 0 }, 'completions must be an integer from 1 to 10000, got 0'],
  [
    'parallelism is not an integer',
    { parallelism: 1.5 },
    'parallelism must be an integer from 1 to 1000, got 1.5',
  ],
  [
    'parallelism is above completions',
    { completions: 2, parallelism: 5 },
    'parallelism must be at most completions (2); more pods than completions would never run, got 5',
  ],
  [
    'restartPolicy is Always',
    { restartPolicy: 'Always' as RestartPolicy },
    "restartPolicy must be one of 'Never', 'OnFailure', got 'Always'",
  ],
  [
    'activeDeadline is zero',
    { activeDeadline: Duration.seconds(0) },
    "activeDeadline must be a whole number of seconds from 1 second to 30 days, got '0 seconds'",
  ],
  [
    'activeDeadline is not a whole number of seconds',
    { activeDeadline: Duration.millis(1500) },
    "activeDeadline must be a whole number of seconds from 1 second to 30 days, got '1.5 seconds'",
  ],
  [
    'activeDeadline is a bare number',
    { activeDeadline: 600 as unknown as Duration },
    'activeDeadline must be a Duration, such as Duration.seconds(30), got 600',
  ],
  [
    'ttlAfterFinished is longer than 30 days',
    { ttlAfterFinished: Duration.days(31) },
    "ttlAfterFinished must be a whole number of seconds from 0 seconds to 30 days, got '31 days'",
  ],
];

describe.each(constructs)('%s job settings', (kind, build) => {
  test.each(cases)('fail if %s', (_what, settings, message) => {
    expect(() => build(settings)).toThrow(`${kind} 'test/work': ${message}`);
  });
});
