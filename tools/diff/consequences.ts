import { isUnder } from './fields';
import { Change, FieldChange, Flag, FlagSeverity } from './types';
import { displayId, isRecord, list, record } from '../../model';
import { KEPT_OUT_OF_PRUNING } from '../deploy/plan';

/** A change before its consequences are known. */
export type UnflaggedChange = Omit<Change, 'flags'>;

/** The kinds whose `spec.selector` can never change (apply fails with "field is immutable"). */
const IMMUTABLE_SELECTOR = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job']);

/** The only StatefulSet `spec` fields Kubernetes 1.27 lets an update change. */
const STATEFUL_SET_MUTABLE = new Set([
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
]);

/** Job `spec` fields that are immutable once the Job exists. */
const JOB_IMMUTABLE = ['template', 'completions', 'completionMode', 'podFailurePolicy'];

/** The kinds that roll their pods when the pod template changes. */
const ROLLING = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

const ORDER: Readonly<Record<FlagSeverity, number>> = { error: 0, warning: 1, notice: 2 };

/**
 * What applying a change would do to a running system: an apply that fails on an immutable
 * field, a delete and create, lost data, a Service type change, a rollout, moved traffic.
 * Most severe first, one flag per consequence.
 */
export function consequencesOf(change: UnflaggedChange): Flag[] {
  const flags: Flag[] = [];
  const add = (severity: FlagSeverity, code: Flag['code'], message: string): void => {
    if (!flags.some((f) => f.code === code && f.message === message)) {
      flags.push({ severity, code, message });
    }
  };
  const { kind } = change.id;
  switch (change.type) {
    case 'removed':
      removed(change, add);
      break;
    case 'renamed':
      renamed(change, add);
      break;
    case 'changed':
      changed(kind, change.fields, change.before, change.after, add);
      break;
    case 'added':
      break;
  }
  return flags.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

type Add = (severity: FlagSeverity, code: Flag['code'], message: string) => void;

function removed(change: UnflaggedChange, add: Add): void {
  const { kind } = change.id;
  add(
    'notice',
    'pruned',
    KEPT_OUT_OF_PRUNING.has(kind)
      ? 'npm run deploy keeps it (it never prunes Namespaces or volume claims): delete it by hand if you mean to'
      : 'npm run deploy deletes it (pruning); kubectl apply -f alone leaves it running',
  );
  if (kind === 'PersistentVolumeClaim') {
    add(
      'warning',
      'data-loss',
      'data loss: deleting the claim deletes its volume (reclaim policy Delete)',
    );
  } else if (kind === 'Namespace') {
    add(
      'warning',
      'data-loss',
      'data loss: deleting the Namespace deletes everything in it, Secrets and volume claims included',
    );
  } else if (kind === 'StatefulSet' && claimTemplates(change.before).length > 0) {
    if (retention(change.before, 'whenDeleted') === 'Delete') {
      add(
        'warning',
        'data-loss',
        `data loss: its volume claims are deleted with it (whenDeleted: Delete)`,
      );
    } else {
      add('notice', 'data-loss', 'its pods stop; the volume claims are kept (whenDeleted: Retain)');
    }
  }
}

function renamed(change: UnflaggedChange, add: Add): void {
  const from = change.from === undefined ? '' : ` ${displayId(change.from)}`;
  const { kind } = change.id;
  const what: Readonly<Record<string, string>> = {
    Deployment: 'all its pods are replaced at once, not rolled',
    StatefulSet: 'its pods are replaced at once',
    DaemonSet: 'its pods are replaced at once',
    Service: 'its cluster IP and DNS name change',
    Job: 'the Job runs again',
  };
  add(
    'warning',
    'delete-and-create',
    `delete and create: apply deletes${from} and creates the new object${what[kind] ? `; ${what[kind]}` : ''}`,
  );
  if (kind === 'PersistentVolumeClaim') {
    add('warning', 'data-loss', 'data loss: the new claim starts empty and the old one is deleted');
  } else if (kind === 'StatefulSet' && claimTemplates(change.after).length > 0) {
    add('warning', 'data-loss', 'data loss: the new pods get new, empty volume claims');
  }
}

function changed(
  kind: string,
  fields: readonly FieldChange[],
  before: unknown,
  after: unknown,
  add: Add,
): void {
  for (const field of fields) {
    const { path } = field;
    if (IMMUTABLE_SELECTOR.has(kind) && isUnder(path, 'spec.selector')) {
      add(
        'error',
        'apply-fails',
        `apply would fail: ${kind} spec.selector is immutable; delete the ${kind} first`,
      );
    }
    if (kind === 'StatefulSet' && isUnder(path, 'spec')) {
      const field0 = path.slice('spec.'.length).split(/[.[]/)[0];
      if (field0 !== 'selector' && !STATEFUL_SET_MUTABLE.has(field0)) {
        add(
          'error',
          'apply-fails',
          `apply would fail: StatefulSet spec.${field0} is immutable; delete the StatefulSet with --cascade=orphan (its pods keep running) and apply again`,
        );
      }
    }
    if (kind === 'Job') {
      const field0 = JOB_IMMUTABLE.find((f) => isUnder(path, `spec.${f}`));
      if (field0 !== undefined) {
        add(
          'error',
          'apply-fails',
          `apply would fail: Job spec.${field0} is immutable; delete the Job so that apply creates it again`,
        );
      }
    }
    if (
      kind === 'Service' &&
      (isUnder(path, 'spec.clusterIP') || isUnder(path, 'spec.clusterIPs'))
    ) {
      add('error', 'apply-fails', 'apply would fail: Service spec.clusterIP is immutable');
    }
    if (
      kind === 'PersistentVolumeClaim' &&
      isUnder(path, 'spec') &&
      !isUnder(path, 'spec.resources.requests')
    ) {
      add(
        'error',
        'apply-fails',
        'apply would fail: a PersistentVolumeClaim spec is immutable except resources.requests',
      );
    }
  }
  if (kind === 'StatefulSet') {
    const kept = new Set(claimTemplates(after));
    for (const name of claimTemplates(before).filter((n) => !kept.has(n))) {
      add(
        'warning',
        'data-loss',
        `data loss: volumeClaimTemplate '${name}' is removed, and with it the pods' data on it`,
      );
    }
  }
  if (kind === 'Service') serviceChanges(fields, before, after, add);
  if (kind === 'PersistentVolumeClaim') {
    const shrunk = fields.find(
      (f) => f.path === 'spec.resources.requests.storage' && smaller(f.after, f.before),
    );
    if (shrunk)
      add(
        'error',
        'apply-fails',
        `apply would fail: a volume claim cannot shrink (${shrunk.before} → ${shrunk.after})`,
      );
  }
  if (ROLLING.has(kind) && fields.some((f) => isUnder(f.path, 'spec.template'))) {
    add(
      'notice',
      'rollout',
      `rollout: the pod template changed, so the pods are replaced (${strategyOf(kind, after)})`,
    );
  }
  if (kind === 'CronJob' && fields.some((f) => isUnder(f.path, 'spec.jobTemplate'))) {
    add(
      'notice',
      'next-run',
      'the Job template changed: the next scheduled run uses it; a running Job is not touched',
    );
  }
}

function serviceChanges(
  fields: readonly FieldChange[],
  before: unknown,
  after: unknown,
  add: Add,
): void {
  const typeOf = (doc: unknown): string => {
    const spec = record(record(doc).spec);
    return typeof spec.type === 'string' ? spec.type : 'ClusterIP';
  };
  const [from, to] = [typeOf(before), typeOf(after)];
  if (from !== to) {
    if (to === 'ExternalName') {
      add(
        'error',
        'apply-fails',
        `apply would fail: a ${from} Service has a cluster IP and cannot become ExternalName; delete it first`,
      );
    }
    const lost =
      from === 'LoadBalancer'
        ? '; the external load balancer and its address are released'
        : from === 'NodePort' && to !== 'LoadBalancer'
          ? '; the node port closes'
          : to === 'LoadBalancer'
            ? '; a new external load balancer is created'
            : '';
    add('warning', 'service-type', `Service type changes from ${from} to ${to}${lost}`);
  }
  if (fields.some((f) => isUnder(f.path, 'spec.selector'))) {
    add(
      'notice',
      'traffic',
      'traffic moves: the Service selects other pods as soon as it is applied',
    );
  }
}

function claimTemplates(doc: unknown): string[] {
  const spec = record(record(doc).spec);
  const templates = list(spec.volumeClaimTemplates);
  return templates.flatMap((t) =>
    isRecord(t) && isRecord(t.metadata) && typeof t.metadata.name === 'string'
      ? [t.metadata.name]
      : [],
  );
}

function retention(doc: unknown, when: 'whenDeleted' | 'whenScaled'): string {
  const spec = record(record(doc).spec);
  const policy = isRecord(spec.persistentVolumeClaimRetentionPolicy)
    ? spec.persistentVolumeClaimRetentionPolicy
    : {};
  return typeof policy[when] === 'string' ? policy[when] : 'Retain';
}

function strategyOf(kind: string, doc: unknown): string {
  const spec = record(record(doc).spec);
  const strategy = kind === 'Deployment' ? spec.strategy : spec.updateStrategy;
  const type =
    isRecord(strategy) && typeof strategy.type === 'string' ? strategy.type : 'RollingUpdate';
  if (type === 'OnDelete') return 'OnDelete: only when each pod is deleted';
  if (type === 'Recreate') return 'Recreate: all at once, with downtime';
  return 'rolling update';
}

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** True when quantity `a` is smaller than quantity `b` (`1Gi` < `2048Mi`). */
function smaller(a: unknown, b: unknown): boolean {
  const bytes = (q: unknown): number => {
    const m = /^(\d+(?:\.\d+)?)([KMGT]i?|k)?$/.exec(String(q));
    return m ? Number(m[1]) * (UNITS[m[2] ?? ''] ?? NaN) : NaN;
  };
  return bytes(a) < bytes(b);
}
