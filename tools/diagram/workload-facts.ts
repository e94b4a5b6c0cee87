import { Isolation } from './network';
import { KubeObject, record, text } from '../../model';

/**
 * The facts shown under a workload's heading: replicas and update strategy; completions,
 * deadline and retries of a Job; a CronJob's schedule and concurrency too.
 *
 * @param autoscaled true when an autoscaler sets the replica count
 */
export function workloadFacts(object: KubeObject, autoscaled: boolean): string[] {
  const spec = object.spec;
  const replicas = (n: unknown): string =>
    `${String(n ?? 1)} replica${n === 1 || n === undefined ? '' : 's'}`;
  switch (object.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet': {
      const count =
        autoscaled && spec.replicas === undefined
          ? 'replicas set by the autoscaler'
          : replicas(spec.replicas);
      const strategy = record(object.kind === 'Deployment' ? spec.strategy : spec.updateStrategy);
      return [
        `${count} · ${(text(strategy.type) || 'RollingUpdate').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`,
      ];
    }
    case 'Job':
      return [jobFacts(spec)];
    case 'CronJob': {
      const zone = text(spec.timeZone);
      return [
        `schedule ${text(spec.schedule)}${zone === '' ? '' : ` (${zone})`}`,
        `${text(spec.concurrencyPolicy) || 'Allow'} concurrent runs${spec.suspend === true ? ' · suspended' : ''}`,
        jobFacts(record(record(spec.jobTemplate).spec)),
      ];
    }
    default:
      return [];
  }
}

/** Which NetworkPolicies isolate a workload's pods, and how; or that none does. */
export function isolationFact(isolation: Isolation | undefined): string {
  if (isolation === undefined) return 'no NetworkPolicy: open to all traffic';
  const { ingress, egress } = isolation;
  const denied =
    ingress && egress
      ? 'deny by default, in and out'
      : ingress
        ? 'incoming denied by default'
        : 'outgoing denied by default';
  return `NetworkPolicy ${isolation.policies.join(', ')}: ${denied}`;
}

function jobFacts(spec: Record<string, unknown>): string {
  const parts = [
    `${String(spec.completions ?? 1)} completion${spec.completions === 1 || spec.completions === undefined ? '' : 's'}`,
  ];
  if (typeof spec.activeDeadlineSeconds === 'number')
    parts.push(`deadline ${duration(spec.activeDeadlineSeconds)}`);
  if (typeof spec.backoffLimit === 'number') parts.push(`${spec.backoffLimit} retries`);
  return parts.join(' · ');
}

function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
