import { Context, Issue, RuleFamily } from '../context';
import {
  ContainerRef,
  PodTemplate,
  containersOf,
  isRecord,
  joinPath,
  list,
  record,
} from '../../model';

/**
 * Pod Security Standards, profile "restricted" with every "baseline" control, on every pod spec
 * (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob), init and ephemeral
 * containers included: what a namespace labelled `pod-security.kubernetes.io/enforce: restricted`
 * admits.
 */
export const podSecurity: RuleFamily = {
  rules: [
    'pss-privileged',
    'pss-host-namespaces',
    'pss-host-ports',
    'pss-host-path',
    'pss-volume-types',
    'pss-privilege-escalation',
    'pss-run-as-non-root',
    'pss-run-as-user',
    'pss-capabilities',
    'pss-seccomp',
  ].map((id) => ({ id, waivable: true })),
  check: (context: Context) => context.templates.flatMap(checkTemplate),
};

/** The volume sources "restricted" allows. */
const ALLOWED_VOLUMES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

const ALLOWED_SECCOMP = new Set(['RuntimeDefault', 'Localhost']);

function checkTemplate(template: PodTemplate): Issue[] {
  const issues: Issue[] = [];
  const { object, spec } = template;
  const report = (path: string, rule: string, message: string): void => {
    issues.push({ object, path, rule, message });
  };
  const at = (...steps: (string | number)[]): string => steps.reduce(joinPath, template.path);

  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (spec[field] === true) {
      report(
        at(field),
        'pss-host-namespaces',
        `${field} must not be true: pods must not share host namespaces`,
      );
    }
  }

  const volumes = list(spec.volumes);
  volumes.forEach((volume, i) => {
    if (!isRecord(volume)) return;
    for (const source of Object.keys(volume)) {
      if (source === 'name') continue;
      if (source === 'hostPath') {
        report(at('volumes', i, 'hostPath'), 'pss-host-path', 'hostPath volumes are not allowed');
      } else if (!ALLOWED_VOLUMES.has(source)) {
        report(
          at('volumes', i, source),
          'pss-volume-types',
          `volume type '${source}' is not allowed; use one of ${[...ALLOWED_VOLUMES].join(', ')}`,
        );
      }
    }
  });

  const podContext = record(spec.securityContext);
  if (podContext.runAsNonRoot === false) {
    report(
      at('securityContext', 'runAsNonRoot'),
      'pss-run-as-non-root',
      'runAsNonRoot must not be false',
    );
  }
  if (podContext.runAsUser === 0) {
    report(at('securityContext', 'runAsUser'), 'pss-run-as-user', 'runAsUser must not be 0 (root)');
  }
  const podSeccomp = seccompType(podContext);
  if (podSeccomp !== undefined && !ALLOWED_SECCOMP.has(podSeccomp)) {
    report(
      at('securityContext', 'seccompProfile', 'type'),
      'pss-seccomp',
      `seccompProfile.type must be RuntimeDefault or Localhost, got '${podSeccomp}'`,
    );
  }

  for (const ref of containersOf(template)) {
    checkContainer(ref, podContext, report);
  }
  return issues;
}

function checkContainer(
  ref: ContainerRef,
  podContext: Record<string, unknown>,
  report: (path: string, rule: string, message: string) => void,
): void {
  const { container, path } = ref;
  const sc = record(container.securityContext);
  const scPath = joinPath(path, 'securityContext');
  const field = (name: string): string => joinPath(scPath, name);

  if (sc.privileged === true) {
    report(field('privileged'), 'pss-privileged', 'privileged must not be true');
  }
  const ports = list(container.ports);
  ports.forEach((port, i) => {
    if (isRecord(port) && typeof port.hostPort === 'number' && port.hostPort !== 0) {
      report(
        joinPath(joinPath(joinPath(path, 'ports'), i), 'hostPort'),
        'pss-host-ports',
        `hostPort must not be set, got ${port.hostPort}`,
      );
    }
  });
  if (sc.allowPrivilegeEscalation !== false) {
    report(
      field('allowPrivilegeEscalation'),
      'pss-privilege-escalation',
      'allowPrivilegeEscalation must be false',
    );
  }
  if (sc.runAsNonRoot === false) {
    report(field('runAsNonRoot'), 'pss-run-as-non-root', 'runAsNonRoot must not be false');
  } else if (sc.runAsNonRoot !== true && podContext.runAsNonRoot !== true) {
    report(
      field('runAsNonRoot'),
      'pss-run-as-non-root',
      'runAsNonRoot must be true, in the pod or the container securityContext',
    );
  }
  if (sc.runAsUser === 0) {
    report(field('runAsUser'), 'pss-run-as-user', 'runAsUser must not be 0 (root)');
  }

  const capabilities = record(sc.capabilities);
  const drop = list(capabilities.drop);
  if (!drop.includes('ALL')) {
    report(
      joinPath(field('capabilities'), 'drop'),
      'pss-capabilities',
      `capabilities.drop must include 'ALL', got ${JSON.stringify(drop)}`,
    );
  }
  const add = list(capabilities.add);
  add.forEach((capability, i) => {
    if (capability !== 'NET_BIND_SERVICE') {
      report(
        joinPath(joinPath(field('capabilities'), 'add'), i),
        'pss-capabilities',
        `capabilities.add may only hold 'NET_BIND_SERVICE', got ${JSON.stringify(capability)}`,
      );
    }
  });

  const own = seccompType(sc);
  if (own !== undefined && !ALLOWED_SECCOMP.has(own)) {
    report(
      joinPath(field('seccompProfile'), 'type'),
      'pss-seccomp',
      `seccompProfile.type must be RuntimeDefault or Localhost, got '${own}'`,
    );
  } else if (own === undefined && seccompType(podContext) === undefined) {
    report(
      joinPath(field('seccompProfile'), 'type'),
      'pss-seccomp',
      'seccompProfile.type must be RuntimeDefault or Localhost, in the pod or the container securityContext',
    );
  }
}

function seccompType(securityContext: Record<string, unknown>): string | undefined {
  const profile = securityContext.seccompProfile;
  return isRecord(profile) && typeof profile.type === 'string' ? profile.type : undefined;
}
