import { Context, Issue, RuleFamily } from '../context';
import { KubeObject, isRecord, joinPath } from '../../model';
import {
  ANNOTATION_KEY,
  CONFIG_KEY,
  DNS_SUBDOMAIN_NAME,
  Grammar,
  LABEL_VALUE_TEXT,
  QUALIFIED_NAME,
  TOTAL_ANNOTATION_BYTES,
  annotationBytes,
  dns1035Label,
  dnsLabel,
} from '../../model/names';

/**
 * What the API server checks beyond the OpenAPI schema, which has no patterns for them
 * (k8s.io/apimachinery ValidateObjectMeta and the kinds' own name rules, Kubernetes 1.27): object
 * and namespace names, label keys and values, annotation keys and their total size, and the keys
 * of a ConfigMap's or Secret's data. A manifest that breaks one is refused on apply.
 */
export const objectMeta: RuleFamily = {
  rules: [
    { id: 'object-name', waivable: false },
    { id: 'object-labels', waivable: false },
    { id: 'object-annotations', waivable: false },
    { id: 'data-keys', waivable: false },
  ],
  check: (context: Context) => {
    const issues: Issue[] = [];
    for (const object of context.objects) {
      names(object, issues);
      labels(object, issues);
      annotations(object, issues);
      dataKeys(object, issues);
    }
    return issues;
  },
};

/** Kinds whose names are DNS-1123 subdomains (NameIsDNSSubdomain in their validation). */
const SUBDOMAIN_NAMED = new Set([
  'ConfigMap',
  'CronJob',
  'DaemonSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'Ingress',
  'IngressClass',
  'Job',
  'LimitRange',
  'NetworkPolicy',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Pod',
  'PodDisruptionBudget',
  'PriorityClass',
  'ReplicaSet',
  'ResourceQuota',
  'Secret',
  'ServiceAccount',
  'StatefulSet',
  'StorageClass',
]);

const DNS_LABEL = dnsLabel();
const DNS_1035_LABEL = dns1035Label();

/** The grammar of an object's name, for the kinds whose rule is known here. */
function nameGrammar(object: KubeObject): Grammar | undefined {
  if (object.kind === 'Namespace') return DNS_LABEL;
  if (object.kind === 'Service') return DNS_1035_LABEL;
  return SUBDOMAIN_NAMED.has(object.kind) ? DNS_SUBDOMAIN_NAME : undefined;
}

function names(object: KubeObject, issues: Issue[]): void {
  const grammar = nameGrammar(object);
  if (grammar !== undefined && object.name !== '' && !grammar.test(object.name)) {
    issues.push(issue(object, 'metadata.name', 'object-name', grammar, object.name, 'name'));
  }
  if (object.namespace !== '' && !DNS_LABEL.test(object.namespace)) {
    const path = 'metadata.namespace';
    issues.push(issue(object, path, 'object-name', DNS_LABEL, object.namespace, 'namespace'));
  }
}

function labels(object: KubeObject, issues: Issue[]): void {
  for (const key in object.labels) {
    const value = object.labels[key];
    const path = () => joinPath('metadata.labels', key);
    if (!QUALIFIED_NAME.test(key)) {
      issues.push(issue(object, path(), 'object-labels', QUALIFIED_NAME, key, 'key'));
    } else if (!LABEL_VALUE_TEXT.test(value)) {
      issues.push(issue(object, path(), 'object-labels', LABEL_VALUE_TEXT, value));
    }
  }
}

function annotations(object: KubeObject, issues: Issue[]): void {
  for (const key in object.annotations) {
    if (!ANNOTATION_KEY.test(key)) {
      const path = joinPath('metadata.annotations', key);
      issues.push(issue(object, path, 'object-annotations', ANNOTATION_KEY, key, 'key'));
    }
  }
  const size = annotationBytes(object.annotations);
  if (size > TOTAL_ANNOTATION_BYTES) {
    issues.push({
      object,
      path: 'metadata.annotations',
      rule: 'object-annotations',
      message: `must be at most 256 KiB together (keys and values), got ${size} bytes`,
    });
  }
}

/** The fields of keys and values in a ConfigMap and a Secret. */
const DATA_FIELDS: Readonly<Record<string, readonly string[]>> = {
  ConfigMap: ['data', 'binaryData'],
  Secret: ['data', 'stringData'],
};

function dataKeys(object: KubeObject, issues: Issue[]): void {
  const fields = object.group === '' ? DATA_FIELDS[object.kind] : undefined;
  if (fields === undefined) return;
  const seen = new Set<string>();
  for (const field of fields) {
    const data = object.raw[field];
    if (!isRecord(data)) continue;
    for (const key of Object.keys(data)) {
      if (!CONFIG_KEY.test(key)) {
        issues.push(issue(object, joinPath(field, key), 'data-keys', CONFIG_KEY, key, 'key'));
      } else if (object.kind === 'ConfigMap' && seen.has(key)) {
        issues.push({
          object,
          path: joinPath(field, key),
          rule: 'data-keys',
          message: `key '${key}' is in both data and binaryData; a ConfigMap may hold each key once`,
        });
      }
      seen.add(key);
    }
  }
}

function issue(
  object: KubeObject,
  path: string,
  rule: string,
  grammar: Grammar,
  value: string,
  what = 'value',
): Issue {
  const shown = JSON.stringify(value);
  return { object, path, rule, message: `${what} must be ${grammar.allowed}, got ${shown}` };
}
