import { Context, Issue, RuleFamily } from '../context';
import {
  KubeObject,
  LONG_RUNNING,
  PodTemplate,
  containersOf,
  isRecord,
  joinPath,
  record,
  replicasOf,
} from '../../model';

/**
 * The checks that two or more of kube-score, kube-linter and Polaris share: resources, probes,
 * image tags, disruption budgets, network policies, spreading of replicas, service account
 * tokens, read-only root file systems, and Job/CronJob deadlines.
 */
export const practices: RuleFamily = {
  rules: [
    'container-resources',
    'readiness-probe',
    'liveness-probe',
    'distinct-probes',
    'image-tag',
    'pdb-required',
    'network-policy-required',
    'replica-spread',
    'service-account-token',
    'read-only-root-fs',
    'job-deadline',
    'job-ttl',
    'cronjob-concurrency',
    'cronjob-starting-deadline',
  ].map((id) => ({ id, waivable: true })),
  check: (context: Context) => {
    const scaled = autoscaledTargets(context);
    return [
      ...context.templates.flatMap((t) => checkTemplate(context, t, scaled)),
      ...context.ofKind('Job').flatMap((job) => checkJobSpec(job, 'spec')),
      ...context.ofKind('CronJob').flatMap(checkCronJob),
    ];
  },
};

/** `namespace kind name` of every object an HPA scales. */
function autoscaledTargets(context: Context): Set<string> {
  const targets = new Set<string>();
  for (const hpa of context.ofKind('HorizontalPodAutoscaler')) {
    const spec = hpa.spec;
    const ref = record(spec.scaleTargetRef);
    targets.add(`${hpa.namespace}\n${String(ref.kind)}\n${String(ref.name)}`);
  }
  return targets;
}

const RESOURCES = [
  ['requests', 'cpu', 'CPU request'],
  ['requests', 'memory', 'memory request'],
  ['limits', 'cpu', 'CPU limit'],
  ['limits', 'memory', 'memory limit'],
] as const;

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

function checkTemplate(context: Context, template: PodTemplate, scaled: Set<string>): Issue[] {
  const issues: Issue[] = [];
  const { object, spec } = template;
  const report = (path: string, rule: string, message: string): void => {
    issues.push({ object, path, rule, message });
  };
  const longRunning = LONG_RUNNING.has(object.kind);

  for (const { container, path, list } of containersOf(template)) {
    if (list === 'ephemeralContainers') continue;
    const resources = record(container.resources);
    for (const [group, name, label] of RESOURCES) {
      const values = resources[group];
      if (!isRecord(values) || values[name] === undefined) {
        report(
          [path, 'resources', group, name].reduce(joinPath),
          'container-resources',
          `${label} is not set`,
        );
      }
    }
    const image = typeof container.image === 'string' ? container.image : '';
    const problem = imageProblem(image);
    if (problem !== undefined) report(joinPath(path, 'image'), 'image-tag', problem);
    const sc = record(container.securityContext);
    if (sc.readOnlyRootFilesystem !== true) {
      report(
        joinPath(joinPath(path, 'securityContext'), 'readOnlyRootFilesystem'),
        'read-only-root-fs',
        'readOnlyRootFilesystem must be true',
      );
    }
    if (longRunning && list === 'containers') {
      const readiness = container.readinessProbe;
      const liveness = container.livenessProbe;
      if (!isRecord(readiness)) {
        report(joinPath(path, 'readinessProbe'), 'readiness-probe', 'readinessProbe is not set');
      }
      if (!isRecord(liveness)) {
        report(joinPath(path, 'livenessProbe'), 'liveness-probe', 'livenessProbe is not set');
      }
      if (isRecord(readiness) && isRecord(liveness) && sameHandler(readiness, liveness)) {
        report(
          joinPath(path, 'livenessProbe'),
          'distinct-probes',
          'livenessProbe must not use the same handler as readinessProbe: a slow dependency would restart the pod instead of taking it out of the Service',
        );
      }
    }
  }

  const selected = context.anySelects(
    'NetworkPolicy',
    object.namespace,
    'podSelector',
    template.labels,
  );
  if (!selected) {
    report(
      template.labelsPath,
      'network-policy-required',
      `no NetworkPolicy in namespace '${object.namespace || '(none)'}' selects these pods`,
    );
  }

  const replicas = replicasOf(object);
  const autoscaled = scaled.has(`${object.namespace}\n${object.kind}\n${object.name}`);
  const replicated =
    ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(object.kind) &&
    (replicas > 1 || autoscaled);
  if (replicated) {
    const why = autoscaled ? 'it is autoscaled' : `it has ${replicas} replicas`;
    if (['Deployment', 'StatefulSet'].includes(object.kind)) {
      const covered = context.anySelects(
        'PodDisruptionBudget',
        object.namespace,
        'selector',
        template.labels,
      );
      if (!covered) {
        report(
          'spec.selector',
          'pdb-required',
          `no PodDisruptionBudget selects the pods of this ${object.kind}, and ${why}`,
        );
      }
    }
    const affinity = record(spec.affinity);
    const spread = Array.isArray(spec.topologySpreadConstraints)
      ? spec.topologySpreadConstraints.length > 0
      : false;
    if (!isRecord(affinity.podAntiAffinity) && !spread) {
      report(
        joinPath(template.path, 'affinity'),
        'replica-spread',
        `set affinity.podAntiAffinity or topologySpreadConstraints: ${why}, and its replicas may all land on one node`,
      );
    }
  }

  if (spec.automountServiceAccountToken === true) {
    report(
      joinPath(template.path, 'automountServiceAccountToken'),
      'service-account-token',
      'automountServiceAccountToken must be false',
    );
  } else if (spec.automountServiceAccountToken !== false) {
    const accountName =
      typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== ''
        ? spec.serviceAccountName
        : 'default';
    const [account] = context.named('ServiceAccount', object.namespace, accountName);
    if (account === undefined || account.raw.automountServiceAccountToken !== false) {
      report(
        joinPath(template.path, 'automountServiceAccountToken'),
        'service-account-token',
        `automountServiceAccountToken must be false, in the pod spec or in ServiceAccount '${accountName}'`,
      );
    }
  }
  return issues;
}

/** Why an image reference is not pinned, or `undefined` when it has a tag or a digest. */
export function imageProblem(image: string): string | undefined {
  if (image === '') return 'image is not set';
  if (image.includes('@')) return undefined;
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastPart.lastIndexOf(':');
  if (colon === -1) return `image '${image}' has no tag or digest: pin a version`;
  if (lastPart.slice(colon + 1) === 'latest') {
    return `image '${image}' uses the 'latest' tag: pin a version or a digest`;
  }
  return undefined;
}

function sameHandler(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const handler = (probe: Record<string, unknown>): string =>
    JSON.stringify(HANDLERS.map((h) => probe[h] ?? null));
  return handler(a) === handler(b);
}

function checkJobSpec(object: KubeObject, path: string): Issue[] {
  let spec: unknown = object.raw;
  for (const step of path.split('.')) spec = isRecord(spec) ? spec[step] : undefined;
  const jobSpec = record(spec);
  const issues: Issue[] = [];
  if (typeof jobSpec.activeDeadlineSeconds !== 'number') {
    issues.push({
      object,
      path: `${path}.activeDeadlineSeconds`,
      rule: 'job-deadline',
      message: 'activeDeadlineSeconds is not set: a stuck Job would run for ever',
    });
  }
  // An Argo CD hook is deleted by its delete policy (BeforeHookCreation when none is given).
  const hook = object.annotations['argocd.argoproj.io/hook'] !== undefined;
  if (typeof jobSpec.ttlSecondsAfterFinished !== 'number' && !hook) {
    issues.push({
      object,
      path: `${path}.ttlSecondsAfterFinished`,
      rule: 'job-ttl',
      message:
        'ttlSecondsAfterFinished is not set: finished Jobs and their pods are never cleaned up',
    });
  }
  return issues;
}

function checkCronJob(cronJob: KubeObject): Issue[] {
  const spec = cronJob.spec;
  const issues = checkJobSpec(cronJob, 'spec.jobTemplate.spec');
  if (spec.concurrencyPolicy !== 'Forbid' && spec.concurrencyPolicy !== 'Replace') {
    issues.push({
      object: cronJob,
      path: 'spec.concurrencyPolicy',
      rule: 'cronjob-concurrency',
      message: `concurrencyPolicy must be Forbid or Replace, got ${spec.concurrencyPolicy === undefined ? 'none (Allow by default)' : JSON.stringify(spec.concurrencyPolicy)}`,
    });
  }
  if (typeof spec.startingDeadlineSeconds !== 'number') {
    issues.push({
      object: cronJob,
      path: 'spec.startingDeadlineSeconds',
      rule: 'cronjob-starting-deadline',
      message: 'startingDeadlineSeconds is not set: missed runs pile up and may never start',
    });
  }
  return issues;
}
