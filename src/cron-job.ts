import { Cron, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { checkSchedule, checkTimeZone } from './cron-schedule';
import { JOB_SETTINGS_FIELDS, JobSettings, renderJobSpec } from './job-settings';
import {
  BOOLEAN,
  DURATION,
  NUMBER,
  STRING,
  anyOf,
  objectOf,
  oneOf,
  optional,
  required,
  shape,
} from './validation/shapes';
import { Workload } from './workload';
import { WORKLOAD_FIELDS, WorkloadKind, WorkloadProps } from './workload-props';

/** What a CronJob does when a run is due while the previous one is still running. */
export enum ConcurrencyPolicy {
  /** Skip the new run. */
  FORBID = 'Forbid',
  /** Cancel the running Job and replace it with the new one. */
  REPLACE = 'Replace',
  /** Run both at once. */
  ALLOW = 'Allow',
}

/** Props of a {@link CronJob}. */
export interface CronJobProps extends WorkloadProps, JobSettings {
  /**
   * When to run: a cron expression of five fields (minute hour day-of-month month day-of-week,
   * e.g. `'0 3 * * *'` for 03:00 every day) or a macro (`@hourly`, `@daily`, `@weekly`,
   * `@monthly`, `@yearly`), or cdk8s' `Cron` (`Cron.daily()`, `Cron.schedule({ hour: '3',
   * minute: '0' })`), checked by the same rules. Day-of-week is 0-6 (Sunday is 0). No `TZ=`
   * prefix: see `timeZone`.
   */
  readonly schedule: string | Cron;
  /**
   * The time zone name for the given schedule (an IANA name such as `'Europe/Berlin'` or
   * `'Etc/UTC'`).
   *
   * @default - the time zone of the kube-controller-manager process (usually UTC)
   */
  readonly timeZone?: string;
  /**
   * How to treat concurrent executions of a Job.
   *
   * @default ConcurrencyPolicy.FORBID (Kubernetes' own default is Allow)
   */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /**
   * Deadline for starting the Job if it misses its scheduled time for any reason; missed runs
   * count as failed. At least 10 seconds, as the controller checks schedules every 10 seconds.
   *
   * @default Duration.minutes(5)
   */
  readonly startingDeadline?: Duration;
  /**
   * The number of successful finished Jobs to retain (within their ttlAfterFinished).
   *
   * @default 3
   */
  readonly successfulJobsHistoryLimit?: number;
  /**
   * The number of failed finished Jobs to retain (within their ttlAfterFinished).
   *
   * @default 1
   */
  readonly failedJobsHistoryLimit?: number;
  /**
   * Suspend subsequent executions; does not apply to already started executions.
   *
   * @default false
   */
  readonly suspend?: boolean;
}

/** A schedule: a cron expression, or cdk8s' `Cron` (checked by its expression). */
const SCHEDULE = anyOf(
  "a cron schedule such as '0 3 * * *' or '@daily', or a Cron such as Cron.daily()",
  STRING,
  shape('a Cron', (v) => typeof (v as Partial<Cron> | null)?.expressionString === 'string'),
);

/** How a CronJob describes itself to its base. */
const CRON_JOB_KIND: WorkloadKind<CronJobProps> = {
  kind: 'CronJob',
  props: objectOf<CronJobProps>('CronJob props', {
    ...WORKLOAD_FIELDS,
    ...JOB_SETTINGS_FIELDS,
    schedule: required(SCHEDULE),
    timeZone: optional(STRING),
    concurrencyPolicy: optional(oneOf(Object.values(ConcurrencyPolicy))),
    startingDeadline: optional(DURATION),
    successfulJobsHistoryLimit: optional(NUMBER),
    failedJobsHistoryLimit: optional(NUMBER),
    suspend: optional(BOOLEAN),
  }),
  defaultComponent: 'cronjob',
  // Kubernetes appends 11 characters to the CronJob's name for the name of each Job.
  maxNameLength: 52,
};

/**
 * A task that runs on a schedule (a nightly report, a periodic clean-up): a CronJob whose Jobs
 * have a deadline, bounded retries and automatic clean-up, never overlap by default, and run
 * hardened pods with a dedicated ServiceAccount and a default-deny NetworkPolicy that admits only
 * DNS until `allowTo` or `connectTo` opens more.
 *
 * @example
 * const report = new CronJob(chart, 'report', {
 *   image: 'ghcr.io/acme/report:2.0.1',
 *   schedule: '0 3 * * *',
 *   timeZone: 'Europe/Berlin',
 * });
 * report.connectTo(database);
 */
export class CronJob extends Workload<CronJobProps> {
  /** The CronJob (escape hatch). */
  public readonly cronJob: k8s.KubeCronJob;

  public constructor(scope: Construct, id: string, props: CronJobProps) {
    super(scope, id, props, CRON_JOB_KIND);
    const schedule =
      typeof props.schedule === 'string' ? props.schedule : props.schedule.expressionString;
    checkSchedule(this.check, 'schedule', schedule);
    checkTimeZone(this.check, 'timeZone', props.timeZone);
    const concurrencyPolicy = props.concurrencyPolicy ?? ConcurrencyPolicy.FORBID;
    this.check.oneOf('concurrencyPolicy', concurrencyPolicy, Object.values(ConcurrencyPolicy));
    this.check.integer('successfulJobsHistoryLimit', props.successfulJobsHistoryLimit, 0, 100);
    this.check.integer('failedJobsHistoryLimit', props.failedJobsHistoryLimit, 0, 100);
    const startingDeadlineSeconds = this.check.duration(
      'startingDeadline',
      props.startingDeadline,
      Duration.minutes(5),
      10,
      30 * 24 * 60 * 60,
    );

    this.cronJob = new k8s.KubeCronJob(this, 'CronJob', {
      metadata: this.metadata(),
      spec: {
        schedule,
        timeZone: props.timeZone,
        concurrencyPolicy,
        startingDeadlineSeconds,
        successfulJobsHistoryLimit: props.successfulJobsHistoryLimit ?? 3,
        failedJobsHistoryLimit: props.failedJobsHistoryLimit ?? 1,
        suspend: props.suspend ?? false,
        jobTemplate: {
          metadata: { labels: this.labels },
          spec: renderJobSpec(this.check, props, { ttlAfterFinished: Duration.days(1) }, (spec) =>
            this.podTemplate(spec),
          ),
        },
      },
    });
  }
}
