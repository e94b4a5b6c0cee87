import { Data, isRecord, list, record, records, text } from './data';
import { PodTemplate, containersOf } from './pod-template';

/** Something a pod reads from another object: a ConfigMap, a Secret or a volume claim. */
export interface PodReference {
  /** The kind of the object referred to. */
  readonly kind: 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'ServiceAccount';
  /** Its name. */
  readonly name: string;
  /** How the pod uses it: `env PGPASSWORD`, `envFrom`, `volume seed`, `serviceAccountName`. */
  readonly how: string;
  /** The keys it reads (`secretKeyRef.key`, a volume's `items`); empty when it reads them all. */
  readonly keys: readonly string[];
  /** Whether the pod starts without it (`optional: true`). */
  readonly optional: boolean;
}

/**
 * Every ConfigMap, Secret, volume claim and ServiceAccount the pods use: through `env`
 * (`valueFrom`), `envFrom`, volumes (`configMap`, `secret`, `persistentVolumeClaim`, `projected`)
 * and `serviceAccountName`.
 */
export function podReferences(template: PodTemplate): PodReference[] {
  const out: PodReference[] = [];
  const add = (kind: PodReference['kind'], source: Data, name: unknown, how: string) => {
    const keys = typeof source.key === 'string' ? [source.key] : itemKeys(source);
    out.push({ kind, name: text(name), how, keys, optional: source.optional === true });
  };
  for (const { container } of containersOf(template)) {
    for (const env of records(container.env)) {
      const { configMapKeyRef: cm, secretKeyRef: secret } = record(env.valueFrom);
      const how = `env ${text(env.name)}`;
      if (isRecord(cm)) add('ConfigMap', cm, cm.name, how);
      if (isRecord(secret)) add('Secret', secret, secret.name, how);
    }
    for (const from of records(container.envFrom)) {
      if (isRecord(from.configMapRef))
        add('ConfigMap', from.configMapRef, from.configMapRef.name, 'envFrom');
      if (isRecord(from.secretRef)) add('Secret', from.secretRef, from.secretRef.name, 'envFrom');
    }
  }
  for (const volume of records(template.spec.volumes)) {
    const how = `volume ${text(volume.name)}`;
    const { configMap, secret, persistentVolumeClaim: claim } = volume;
    if (isRecord(configMap)) add('ConfigMap', configMap, configMap.name, how);
    if (isRecord(secret)) add('Secret', secret, secret.secretName, how);
    if (isRecord(claim)) add('PersistentVolumeClaim', {}, claim.claimName, how);
    for (const source of records(record(volume.projected).sources)) {
      if (isRecord(source.configMap))
        add('ConfigMap', source.configMap, source.configMap.name, how);
      if (isRecord(source.secret)) add('Secret', source.secret, source.secret.name, how);
    }
  }
  const account = template.spec.serviceAccountName;
  if (typeof account === 'string') add('ServiceAccount', {}, account, 'serviceAccountName');
  return out.filter((r) => r.name !== '');
}

/** The keys a volume source projects (`items[].key`). */
function itemKeys(source: Data): string[] {
  return list(source.items).flatMap((item) =>
    isRecord(item) && typeof item.key === 'string' ? [item.key] : [],
  );
}
