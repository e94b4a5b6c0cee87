import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { ARGO_CD_HOOK, ArgoCdHook, argoCdHookAnnotations } from './argo-cd-hook';
import { JOB_SETTINGS_FIELDS, JobDefaults, JobSettings, renderJobSpec } from './job-settings';
import { objectOf, optional } from './validation/shapes';
import { Workload } from './workload';
import { WORKLOAD_FIELDS, WorkloadKind, WorkloadProps } from './workload-props';

/** Props of a {@link Job}. */
export interface JobProps extends WorkloadProps, JobSettings {
  /**
   * Run the Job as an Argo CD resource hook (see {@link ArgoCdHook}), for apps that Argo CD syncs
   * from `dist/`.
   *
   * @default - not a hook: Argo CD keeps the Job in sync like any other object
   */
  readonly argoCdHook?: ArgoCdHook;
}

/**
 * A Job is deleted an hour after it finished, unless it is an Argo CD hook: Argo CD deletes a hook
 * by its delete policy, and a hook that vanished by itself would be created again.
 */
const jobDefaults = (props: JobProps): JobDefaults => ({
  ttlAfterFinished: props.argoCdHook === undefined ? Duration.hours(1) : undefined,
});

/** How a Job describes itself to its base. */
const JOB_KIND: WorkloadKind<JobProps> = {
  kind: 'Job',
  props: objectOf<JobProps>('Job props', {
    ...WORKLOAD_FIELDS,
    ...JOB_SETTINGS_FIELDS,
    argoCdHook: optional(ARGO_CD_HOOK),
  }),
  defaultComponent: 'job',
  maxNameLength: 63,
};

/**
 * A run-to-completion task (a database migration, a one-off import): a Job of hardened pods with a
 * deadline, a bounded number of retries and automatic clean-up once it has finished, a dedicated
 * ServiceAccount and a default-deny NetworkPolicy that admits only DNS until `allowTo` or
 * `connectTo` opens more.
 *
 * Kubernetes does not let a Job's pod template change: a Job that still exists (running, or within
 * its ttlAfterFinished) must be deleted before a changed one is applied. A pod completes only when
 * every container has exited (Kubernetes 1.27 has no native sidecars), so a sidecar must exit by
 * itself once the main container is done.
 *
 * @example
 * const migrate = new Job(chart, 'migrate', {
 *   image: 'ghcr.io/acme/migrate:1.4.2',
 *   args: ['up'],
 *   activeDeadline: Duration.minutes(5),
 * });
 * migrate.connectTo(database);
 */
export class Job extends Workload<JobProps> {
  /** The Job (escape hatch). */
  public readonly job: k8s.KubeJob;

  public constructor(scope: Construct, id: string, props: JobProps) {
    super(scope, id, props, JOB_KIND);
    this.job = new k8s.KubeJob(this, 'Job', {
      metadata: this.metadata({
        annotations: props.argoCdHook && argoCdHookAnnotations(props.argoCdHook),
      }),
      spec: renderJobSpec(this.check, props, jobDefaults(props), (spec) => this.podTemplate(spec)),
    });
  }
}
