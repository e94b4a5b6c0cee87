/**
 * The schema the gate validates against, `kubernetes-1.27.json`, written by
 * `scripts/vendor-kubernetes-schema.mjs` and committed, so that the gate needs no network and no
 * other package's internals: the object kinds a Kubernetes 1.27 API server serves, and the JSON
 * schema of each and of every type they refer to (Kubernetes 1.27.1's, with enums, formats and
 * nullable fields).
 */
import kubernetesSchema from './kubernetes-1.27.json';

/** One JSON schema. */
export type Schema = Record<string, unknown>;

/** The committed schema file. */
export interface KubernetesSchema {
  /** `apiVersion kind` to the id of its schema, such as `apps/v1 Deployment`. */
  readonly kinds: Readonly<Record<string, string>>;
  /** Every schema by id, such as `io.k8s.api.apps.v1.Deployment`; references are `<id>#`. */
  readonly schemas: Readonly<Record<string, Schema>>;
}

/** The schema file (read only when validators are compiled: a warm run never loads this module). */
export function loadKubernetesSchema(): KubernetesSchema {
  return kubernetesSchema as KubernetesSchema;
}
