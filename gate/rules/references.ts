import { Context, Issue, RuleFamily } from '../context';
import {
  KubeObject,
  PodTemplate,
  containersOf,
  isRecord,
  joinPath,
  labelSelectorSelects,
  list,
  record,
  records,
  stringMap,
} from '../../model';

/**
 * Reference integrity across all documents checked together: what Services, Ingresses, HPAs,
 * PodDisruptionBudgets and pod templates name must exist, and no object may be defined twice.
 */
export const references: RuleFamily = {
  rules: [
    { id: 'duplicate-object', waivable: false },
    { id: 'service-selector', waivable: true },
    { id: 'service-target-port', waivable: true },
    { id: 'ingress-backend', waivable: true },
    { id: 'hpa-target', waivable: true },
    { id: 'pdb-selector', waivable: true },
    { id: 'service-account-ref', waivable: true },
  ],
  check: (context: Context) => [
    ...duplicates(context),
    ...context.ofKind('Service').flatMap((s) => checkService(context, s)),
    ...context.ofKind('Ingress').flatMap((i) => checkIngress(context, i)),
    ...context.ofKind('HorizontalPodAutoscaler').flatMap((h) => checkHpa(context, h)),
    ...context.ofKind('PodDisruptionBudget').flatMap((p) => checkPdb(context, p)),
    ...context.templates.flatMap((t) => checkServiceAccount(context, t)),
  ],
};

function duplicates(context: Context): Issue[] {
  const first = new Map<string, KubeObject>();
  const issues: Issue[] = [];
  for (const object of context.objects) {
    const key = [object.group, object.kind, object.namespace, object.name].join('\n');
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, object);
      continue;
    }
    const where =
      earlier.manifest.file === object.manifest.file
        ? `document ${earlier.manifest.index + 1} of the same file`
        : earlier.manifest.file;
    issues.push({
      object,
      path: 'metadata.name',
      rule: 'duplicate-object',
      message: `${object.label} is already defined in ${where}`,
    });
  }
  return issues;
}

/** The pod templates in a namespace whose labels a Service selector matches. */
function selectedBy(
  context: Context,
  namespace: string,
  selector: Record<string, string>,
): readonly PodTemplate[] {
  return context.templatesCarrying(namespace, selector);
}

function checkService(context: Context, service: KubeObject): Issue[] {
  const spec = service.spec;
  const selector = stringMap(spec.selector);
  if (spec.type === 'ExternalName' || Object.keys(selector).length === 0) return [];
  const issues: Issue[] = [];
  const targets = selectedBy(context, service.namespace, selector);
  if (targets.length === 0) {
    issues.push({
      object: service,
      path: 'spec.selector',
      rule: 'service-selector',
      message: `selector ${JSON.stringify(selector)} matches no pod template in namespace '${service.namespace || '(none)'}'`,
    });
    return issues;
  }
  const portNames = new Set<string>();
  for (const target of targets) {
    for (const { container } of containersOf(target)) {
      for (const port of list(container.ports)) {
        if (isRecord(port) && typeof port.name === 'string') portNames.add(port.name);
      }
    }
  }
  const ports = list(spec.ports);
  ports.forEach((port, i) => {
    if (!isRecord(port) || typeof port.targetPort !== 'string') return;
    if (!portNames.has(port.targetPort)) {
      issues.push({
        object: service,
        path: `spec.ports[${i}].targetPort`,
        rule: 'service-target-port',
        message: `targetPort '${port.targetPort}' is not the name of a container port of the selected pods`,
      });
    }
  });
  return issues;
}

function checkIngress(context: Context, ingress: KubeObject): Issue[] {
  const spec = ingress.spec;
  const backends: [string, unknown][] = [];
  if (spec.defaultBackend !== undefined)
    backends.push(['spec.defaultBackend', spec.defaultBackend]);
  const rules = list(spec.rules);
  rules.forEach((rule, r) => {
    const http = record(record(rule).http);
    const paths = list(http.paths);
    paths.forEach((p, i) => {
      if (isRecord(p)) backends.push([`spec.rules[${r}].http.paths[${i}].backend`, p.backend]);
    });
  });
  const issues: Issue[] = [];
  for (const [path, backend] of backends) {
    if (!isRecord(backend) || !isRecord(backend.service)) continue;
    const { name, port } = backend.service;
    const service = context
      .named('Service', ingress.namespace, name)
      .find((s) => s.name === name && s.group === '');
    if (service === undefined) {
      issues.push({
        object: ingress,
        path: `${path}.service.name`,
        rule: 'ingress-backend',
        message: `Service '${String(name)}' is not defined in namespace '${ingress.namespace || '(none)'}'`,
      });
      continue;
    }
    if (!isRecord(port)) continue;
    const serviceSpec = service.spec;
    const servicePorts = records(serviceSpec.ports);
    const byNumber = port.number !== undefined;
    const wanted = byNumber ? port.number : port.name;
    if (!servicePorts.some((p) => (byNumber ? p.port : p.name) === wanted)) {
      issues.push({
        object: ingress,
        path: `${path}.service.port.${byNumber ? 'number' : 'name'}`,
        rule: 'ingress-backend',
        message: `Service '${String(name)}' has no port ${byNumber ? String(wanted) : `named '${String(wanted)}'`}`,
      });
    }
  }
  return issues;
}

function checkHpa(context: Context, hpa: KubeObject): Issue[] {
  const spec = hpa.spec;
  const ref = record(spec.scaleTargetRef);
  const kind = String(ref.kind);
  const group =
    typeof ref.apiVersion === 'string' && ref.apiVersion.includes('/')
      ? ref.apiVersion.split('/')[0]
      : '';
  const found = context
    .named(kind, hpa.namespace, ref.name)
    .some((o) => o.name === ref.name && o.group === group);
  if (found) return [];
  return [
    {
      object: hpa,
      path: 'spec.scaleTargetRef',
      rule: 'hpa-target',
      message: `scale target ${kind}/${String(ref.name)} (${String(ref.apiVersion)}) is not defined in namespace '${hpa.namespace || '(none)'}'`,
    },
  ];
}

function checkPdb(context: Context, pdb: KubeObject): Issue[] {
  const spec = pdb.spec;
  const matchLabels = stringMap(record(spec.selector).matchLabels);
  const matched = context
    .templatesCarrying(pdb.namespace, matchLabels)
    .some((t) => labelSelectorSelects(spec.selector, t.labels));
  if (matched) return [];
  return [
    {
      object: pdb,
      path: 'spec.selector',
      rule: 'pdb-selector',
      message: `selector matches no pod template in namespace '${pdb.namespace || '(none)'}'`,
    },
  ];
}

function checkServiceAccount(context: Context, template: PodTemplate): Issue[] {
  const name = template.spec.serviceAccountName;
  if (typeof name !== 'string' || name === '' || name === 'default') return [];
  const namespace = template.object.namespace;
  if (context.named('ServiceAccount', namespace, name).length > 0) return [];
  return [
    {
      object: template.object,
      path: joinPath(template.path, 'serviceAccountName'),
      rule: 'service-account-ref',
      severity: 'warning',
      message: `ServiceAccount '${name}' is not defined in namespace '${namespace || '(none)'}' by these manifests`,
    },
  ];
}
