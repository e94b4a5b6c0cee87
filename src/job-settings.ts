import { Duration } from 'cdk8s';
import * as k8s from '../imports/k8s';
import { PropCheck } from './validation/prop-check';
import { DURATION, Fields, NUMBER, oneOf, optional } from './validation/shapes';

/** What the kubelet does when a container of a Job's pod exits with an error. */
export enum RestartPolicy {
  /**
   * Never restart it: the pod fails and the Job starts a new one. The failed pod stays, with its
   * logs, until the Job is cleaned up.
   */
  NEVER = 'Never',
  /** Restart the container in the same pod; the logs of the failed attempt are lost. */
  ON_FAILURE = 'OnFailure',
}

/** How a Job runs its pods, retries them and is cleaned up: shared by Job and CronJob. */
export interface JobSettings {
  /**
   * The number of retries before the Job is marked as failed.
   *
   * @default 3 (Kubernetes' own default is 6)
   */
  readonly backoffLimit?: number;
  /**
   * How long the Job may be active, counted from its start, before the system terminates its pods
   * and marks it as failed. Always set, so that a hung Job cannot run forever.
   *
   * @default Duration.minutes(10)
   */
  readonly activeDeadline?: Duration;
  /**
   * How long a finished Job (Complete or Failed) is kept before it becomes eligible to be deleted
   * automatically, with its pods and their logs.
   *
   * @default Duration.hours(1) for a Job (none for an Argo CD hook, which Argo CD deletes by its
   * delete policy); Duration.days(1) for the Jobs of a CronJob, so that the last night's failure
   * can still be read the next morning
   */
  readonly ttlAfterFinished?: Duration;
  /**
   * The desired number of successfully finished pods the Job should be run with.
   *
   * @default 1
   */
  readonly completions?: number;
  /**
   * The maximum desired number of pods the Job should run at any given time; at most completions.
   *
   * @default 1
   */
  readonly parallelism?: number;
  /**
   * Whether a failed container restarts in its pod or the pod fails. Kubernetes does not allow
   * 'Always' for Jobs.
   *
   * @default RestartPolicy.NEVER
   */
  readonly restartPolicy?: RestartPolicy;
}

/** The runtime types of {@link JobSettings}. */
export const JOB_SETTINGS_FIELDS: Fields<JobSettings> = {
  backoffLimit: optional(NUMBER),
  activeDeadline: optional(DURATION),
  ttlAfterFinished: optional(DURATION),
  completions: optional(NUMBER),
  parallelism: optional(NUMBER),
  restartPolicy: optional(oneOf(Object.values(RestartPolicy))),
};

/** Defaults that differ between the constructs that share {@link JobSettings}. */
export interface JobDefaults {
  /** The ttlAfterFinished when the user gives none; undefined: the Job is kept. */
  readonly ttlAfterFinished: Duration | undefined;
}

const DEFAULT_ACTIVE_DEADLINE = Duration.minutes(10);
const THIRTY_DAYS = 30 * 24 * 60 * 60;

/**
 * Checks the {@link JobSettings} and renders the `spec` of a Job (or of a CronJob's jobTemplate)
 * around the hardened pod template that `podTemplate` returns.
 */
export function renderJobSpec(
  check: PropCheck,
  settings: JobSettings,
  defaults: JobDefaults,
  podTemplate: (spec: Partial<k8s.PodSpec>) => k8s.PodTemplateSpec,
): k8s.JobSpec {
  check.integer('backoffLimit', settings.backoffLimit, 0, 100);
  check.integer('completions', settings.completions, 1, 10000);
  check.integer('parallelism', settings.parallelism, 1, 1000);
  const completions = settings.completions ?? 1;
  const parallelism = settings.parallelism ?? 1;
  if (parallelism > completions) {
    check.fail(
      'parallelism',
      parallelism,
      `at most completions (${completions}); more pods than completions would never run`,
    );
  }
  const restartPolicy = settings.restartPolicy ?? RestartPolicy.NEVER;
  check.oneOf('restartPolicy', restartPolicy, Object.values(RestartPolicy));
  return {
    backoffLimit: settings.backoffLimit ?? 3,
    activeDeadlineSeconds: check.duration(
      'activeDeadline',
      settings.activeDeadline,
      DEFAULT_ACTIVE_DEADLINE,
      1,
      THIRTY_DAYS,
    ),
    ttlSecondsAfterFinished:
      (settings.ttlAfterFinished ?? defaults.ttlAfterFinished) === undefined
        ? undefined
        : check.duration(
            'ttlAfterFinished',
            settings.ttlAfterFinished,
            defaults.ttlAfterFinished!,
            0,
            THIRTY_DAYS,
          ),
    completions,
    parallelism,
    template: podTemplate({ restartPolicy }),
  };
}
