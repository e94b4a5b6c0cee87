import { isRecord, record, records, stringMap, text } from './data';
import { KubeObject, ObjectId, keyOf } from './object';
import { podReferences } from './pod-references';
import { PodTemplate, podTemplateOf } from './pod-template';
import { mapSelects } from './selectors';

/**
 * kpt's and Config Sync's annotation: the objects that must be applied and reconciled before this
 * one, as comma-separated object references (see {@link objectReference}).
 */
export const DEPENDS_ON = 'config.kubernetes.io/depends-on';

/** Argo CD's annotation: the sync wave, an integer; lower waves are applied and healthy first. */
export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

/** The wave an Argo CD sync-wave annotation names, or undefined when it is no integer. */
export function parseSyncWave(value: string): number | undefined {
  return /^-?\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * An object as kpt's `depends-on` names it: `<group>/namespaces/<namespace>/<kind>/<name>`, or
 * `<group>/<kind>/<name>` for a cluster-scoped object; the core group is empty
 * (`/namespaces/shop/Secret/db`, `/Namespace/shop`).
 */
export function objectReference(id: ObjectId): string {
  return id.namespace === ''
    ? `${id.group}/${id.kind}/${id.name}`
    : `${id.group}/namespaces/${id.namespace}/${id.kind}/${id.name}`;
}

/**
 * Whether an object can be named in a `depends-on`: a cluster-scoped one, or a namespaced one
 * whose manifest says its namespace. One without a namespace gets `kubectl`'s at apply time,
 * and no reference can name that ahead of time.
 */
export function isReferenceable(id: ObjectId): boolean {
  return id.namespace !== '' || CLUSTER_SCOPED.has(id.kind);
}

/** The cluster-scoped kinds of Kubernetes 1.27 that manifests hold. */
const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  'Namespace',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'IngressClass',
  'PriorityClass',
  'RuntimeClass',
  'CSIDriver',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'APIService',
  'FlowSchema',
  'PriorityLevelConfiguration',
]);

/**
 * The objects a `depends-on` annotation names.
 *
 * @throws Error naming the reference that is not of either form
 */
export function parseObjectReferences(value: string): ObjectId[] {
  return value.split(',').map((entry) => {
    const fields = entry.trim().split('/');
    const [group, kind, name] =
      fields.length === 5 && fields[1] === 'namespaces'
        ? [fields[0], fields[3], fields[4]]
        : fields.length === 3
          ? fields
          : [];
    const namespace = fields.length === 5 ? fields[2] : '';
    if (!kind || !name || (fields.length === 5 && !namespace)) {
      throw new Error(
        `'${entry.trim()}' is not an object reference: <group>/namespaces/<namespace>/<kind>/<name> or <group>/<kind>/<name>`,
      );
    }
    return { group, kind, namespace, name };
  });
}

/**
 * What each object needs applied before it, as far as the manifests themselves tell: its
 * Namespace; the CustomResourceDefinition of its kind; the ConfigMaps, Secrets and
 * ServiceAccount its pods use; the workloads a Service selects; an autoscaler's target; an
 * Ingress's Services; a role binding's role. A volume claim takes the dependencies of the pods
 * that use it instead (see `claimsBesideTheirPods`). Only objects among `objects` count: what is
 * not there is the cluster's.
 */
export function inferredDependencies(
  objects: readonly KubeObject[],
): Map<KubeObject, KubeObject[]> {
  const byKey = new Map(objects.map((o) => [keyOf(o), o]));
  const find = (group: string, kind: string, namespace: string, name: unknown) =>
    typeof name === 'string' ? byKey.get(keyOf({ group, kind, namespace, name })) : undefined;
  const definitions = new Map(
    objects
      .filter((o) => o.kind === 'CustomResourceDefinition')
      .map((crd) => [`${text(crd.spec.group)}/${text(record(crd.spec.names).kind)}`, crd]),
  );
  const templatesIn = new Map<string, PodTemplate[]>();
  for (const template of objects.flatMap((o) => podTemplateOf(o) ?? [])) {
    const { namespace } = template.object;
    const list = templatesIn.get(namespace);
    if (list) list.push(template);
    else templatesIn.set(namespace, [template]);
  }
  const result = new Map<KubeObject, KubeObject[]>();
  for (const object of objects) {
    const ns = object.namespace;
    const found = [
      ns === '' ? undefined : find('', 'Namespace', '', ns),
      definitions.get(`${object.group}/${object.kind}`),
      ...referencedBy(object).map((r) => find(r.group, r.kind, r.clusterScoped ? '' : ns, r.name)),
      ...selectedBy(object, templatesIn.get(ns) ?? []),
    ];
    result.set(
      object,
      [...new Set(found)].filter((d): d is KubeObject => d !== undefined && d !== object),
    );
  }
  return claimsBesideTheirPods(result);
}

/**
 * The workloads whose pods a Service selects, among the pod templates of its namespace: it comes
 * after them, so that it sends traffic to ready pods (a blue/green switch only once the new
 * release is up), and so that Argo CD, which waits for a LoadBalancer Service's address, does not
 * hold back everything after its wave.
 */
function selectedBy(object: KubeObject, templates: readonly PodTemplate[]): KubeObject[] {
  const selector = stringMap(object.spec.selector);
  if (object.kind !== 'Service' || object.group !== '' || Object.keys(selector).length === 0) {
    return [];
  }
  return templates.filter((t) => mapSelects(selector, t.labels)).map((t) => t.object);
}

/**
 * A volume claim goes beside the pods that use it, not before them: with a storage class that
 * binds on first use, a claim is not Bound until a pod uses it, and Argo CD and kpt would wait
 * for it for ever. It takes its pods' other dependencies instead.
 */
function claimsBesideTheirPods(
  dependencies: Map<KubeObject, KubeObject[]>,
): Map<KubeObject, KubeObject[]> {
  const isClaim = (o: KubeObject) => o.kind === 'PersistentVolumeClaim' && o.group === '';
  for (const [object, deps] of dependencies) {
    const claims = deps.filter(isClaim);
    if (claims.length === 0) continue;
    const others = deps.filter((d) => !isClaim(d));
    dependencies.set(object, others);
    for (const claim of claims) {
      const own = dependencies.get(claim) ?? [];
      dependencies.set(claim, [...new Set([...own, ...others.filter((d) => d !== claim)])]);
    }
  }
  return dependencies;
}

/** An object that another names in its spec. */
interface Named {
  readonly group: string;
  readonly kind: string;
  readonly name: unknown;
  readonly clusterScoped?: boolean;
}

/** The objects an object names in its spec (pods' references, targets, backends, roles). */
function referencedBy(object: KubeObject): Named[] {
  const template = podTemplateOf(object);
  const fromPods: Named[] =
    template === undefined
      ? []
      : podReferences(template).map((r) => ({ group: '', kind: r.kind, name: r.name }));
  const spec = object.spec;
  switch (object.kind) {
    case 'HorizontalPodAutoscaler': {
      const target = record(spec.scaleTargetRef);
      const apiVersion = text(target.apiVersion);
      const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
      return [{ group, kind: text(target.kind), name: target.name }];
    }
    case 'Ingress':
      return ingressServices(spec).map((name) => ({ group: '', kind: 'Service', name }));
    case 'RoleBinding':
    case 'ClusterRoleBinding': {
      const role = record(object.raw.roleRef);
      const kind = text(role.kind);
      return [
        {
          group: 'rbac.authorization.k8s.io',
          kind,
          name: role.name,
          clusterScoped: kind === 'ClusterRole',
        },
      ];
    }
    default:
      return fromPods;
  }
}

/** The Services an Ingress sends traffic to. */
function ingressServices(spec: Readonly<Record<string, unknown>>): unknown[] {
  const backends = [
    spec.defaultBackend,
    ...records(spec.rules).flatMap((rule) =>
      records(record(rule.http).paths).map((path) => path.backend),
    ),
  ];
  return backends.filter(isRecord).map((backend) => record(backend.service).name);
}
