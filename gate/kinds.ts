/**
 * The object kinds that Kubernetes 1.27 serves and whose schema `kubernetes-models` ships, keyed
 * by `apiVersion` and `kind` and mapped to the OpenAPI definition id of their schema.
 *
 * Taken from the `x-kubernetes-group-version-kind` extensions of the Kubernetes 1.27.0 OpenAPI
 * document (list kinds left out). The alpha APIs of 1.27 are off by default and `kubernetes-models`
 * ships no schema for them, so they are unknown to the gate.
 */
const TABLE: readonly (readonly [apiVersion: string, kind: string, id: string])[] = [
  [
    'admissionregistration.k8s.io/v1',
    'MutatingWebhookConfiguration',
    'io.k8s.api.admissionregistration.v1.MutatingWebhookConfiguration',
  ],
  [
    'admissionregistration.k8s.io/v1',
    'ValidatingWebhookConfiguration',
    'io.k8s.api.admissionregistration.v1.ValidatingWebhookConfiguration',
  ],
  [
    'apiextensions.k8s.io/v1',
    'CustomResourceDefinition',
    'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition',
  ],
  [
    'apiregistration.k8s.io/v1',
    'APIService',
    'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService',
  ],
  ['apps/v1', 'ControllerRevision', 'io.k8s.api.apps.v1.ControllerRevision'],
  ['apps/v1', 'DaemonSet', 'io.k8s.api.apps.v1.DaemonSet'],
  ['apps/v1', 'Deployment', 'io.k8s.api.apps.v1.Deployment'],
  ['apps/v1', 'ReplicaSet', 'io.k8s.api.apps.v1.ReplicaSet'],
  ['apps/v1', 'StatefulSet', 'io.k8s.api.apps.v1.StatefulSet'],
  ['authentication.k8s.io/v1', 'TokenRequest', 'io.k8s.api.authentication.v1.TokenRequest'],
  ['authentication.k8s.io/v1', 'TokenReview', 'io.k8s.api.authentication.v1.TokenReview'],
  [
    'authorization.k8s.io/v1',
    'LocalSubjectAccessReview',
    'io.k8s.api.authorization.v1.LocalSubjectAccessReview',
  ],
  [
    'authorization.k8s.io/v1',
    'SelfSubjectAccessReview',
    'io.k8s.api.authorization.v1.SelfSubjectAccessReview',
  ],
  [
    'authorization.k8s.io/v1',
    'SelfSubjectRulesReview',
    'io.k8s.api.authorization.v1.SelfSubjectRulesReview',
  ],
  [
    'authorization.k8s.io/v1',
    'SubjectAccessReview',
    'io.k8s.api.authorization.v1.SubjectAccessReview',
  ],
  [
    'autoscaling/v1',
    'HorizontalPodAutoscaler',
    'io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler',
  ],
  ['autoscaling/v1', 'Scale', 'io.k8s.api.autoscaling.v1.Scale'],
  [
    'autoscaling/v2',
    'HorizontalPodAutoscaler',
    'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
  ],
  ['batch/v1', 'CronJob', 'io.k8s.api.batch.v1.CronJob'],
  ['batch/v1', 'Job', 'io.k8s.api.batch.v1.Job'],
  [
    'certificates.k8s.io/v1',
    'CertificateSigningRequest',
    'io.k8s.api.certificates.v1.CertificateSigningRequest',
  ],
  ['coordination.k8s.io/v1', 'Lease', 'io.k8s.api.coordination.v1.Lease'],
  ['discovery.k8s.io/v1', 'EndpointSlice', 'io.k8s.api.discovery.v1.EndpointSlice'],
  ['events.k8s.io/v1', 'Event', 'io.k8s.api.events.v1.Event'],
  [
    'flowcontrol.apiserver.k8s.io/v1beta2',
    'FlowSchema',
    'io.k8s.api.flowcontrol.v1beta2.FlowSchema',
  ],
  [
    'flowcontrol.apiserver.k8s.io/v1beta2',
    'PriorityLevelConfiguration',
    'io.k8s.api.flowcontrol.v1beta2.PriorityLevelConfiguration',
  ],
  [
    'flowcontrol.apiserver.k8s.io/v1beta3',
    'FlowSchema',
    'io.k8s.api.flowcontrol.v1beta3.FlowSchema',
  ],
  [
    'flowcontrol.apiserver.k8s.io/v1beta3',
    'PriorityLevelConfiguration',
    'io.k8s.api.flowcontrol.v1beta3.PriorityLevelConfiguration',
  ],
  ['networking.k8s.io/v1', 'Ingress', 'io.k8s.api.networking.v1.Ingress'],
  ['networking.k8s.io/v1', 'IngressClass', 'io.k8s.api.networking.v1.IngressClass'],
  ['networking.k8s.io/v1', 'NetworkPolicy', 'io.k8s.api.networking.v1.NetworkPolicy'],
  ['node.k8s.io/v1', 'RuntimeClass', 'io.k8s.api.node.v1.RuntimeClass'],
  ['policy/v1', 'Eviction', 'io.k8s.api.policy.v1.Eviction'],
  ['policy/v1', 'PodDisruptionBudget', 'io.k8s.api.policy.v1.PodDisruptionBudget'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', 'io.k8s.api.rbac.v1.ClusterRole'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'io.k8s.api.rbac.v1.ClusterRoleBinding'],
  ['rbac.authorization.k8s.io/v1', 'Role', 'io.k8s.api.rbac.v1.Role'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', 'io.k8s.api.rbac.v1.RoleBinding'],
  ['scheduling.k8s.io/v1', 'PriorityClass', 'io.k8s.api.scheduling.v1.PriorityClass'],
  ['storage.k8s.io/v1', 'CSIDriver', 'io.k8s.api.storage.v1.CSIDriver'],
  ['storage.k8s.io/v1', 'CSINode', 'io.k8s.api.storage.v1.CSINode'],
  ['storage.k8s.io/v1', 'CSIStorageCapacity', 'io.k8s.api.storage.v1.CSIStorageCapacity'],
  ['storage.k8s.io/v1', 'StorageClass', 'io.k8s.api.storage.v1.StorageClass'],
  ['storage.k8s.io/v1', 'VolumeAttachment', 'io.k8s.api.storage.v1.VolumeAttachment'],
  ['v1', 'Binding', 'io.k8s.api.core.v1.Binding'],
  ['v1', 'ComponentStatus', 'io.k8s.api.core.v1.ComponentStatus'],
  ['v1', 'ConfigMap', 'io.k8s.api.core.v1.ConfigMap'],
  ['v1', 'Endpoints', 'io.k8s.api.core.v1.Endpoints'],
  ['v1', 'Event', 'io.k8s.api.core.v1.Event'],
  ['v1', 'LimitRange', 'io.k8s.api.core.v1.LimitRange'],
  ['v1', 'Namespace', 'io.k8s.api.core.v1.Namespace'],
  ['v1', 'Node', 'io.k8s.api.core.v1.Node'],
  ['v1', 'PersistentVolume', 'io.k8s.api.core.v1.PersistentVolume'],
  ['v1', 'PersistentVolumeClaim', 'io.k8s.api.core.v1.PersistentVolumeClaim'],
  ['v1', 'Pod', 'io.k8s.api.core.v1.Pod'],
  ['v1', 'PodTemplate', 'io.k8s.api.core.v1.PodTemplate'],
  ['v1', 'ReplicationController', 'io.k8s.api.core.v1.ReplicationController'],
  ['v1', 'ResourceQuota', 'io.k8s.api.core.v1.ResourceQuota'],
  ['v1', 'Secret', 'io.k8s.api.core.v1.Secret'],
  ['v1', 'Service', 'io.k8s.api.core.v1.Service'],
  ['v1', 'ServiceAccount', 'io.k8s.api.core.v1.ServiceAccount'],
];

/** `apiVersion kind` -> OpenAPI definition id, for example `apps/v1 Deployment`. */
const KINDS: ReadonlyMap<string, string> = new Map(
  TABLE.map(([apiVersion, kind, id]) => [`${apiVersion} ${kind}`, id]),
);

/**
 * Returns the OpenAPI definition id of the Kubernetes 1.27 schema for an object kind, such as
 * `io.k8s.api.apps.v1.Deployment`, or `undefined` when Kubernetes 1.27 does not serve it.
 */
export function schemaIdOf(apiVersion: string, kind: string): string | undefined {
  return KINDS.get(`${apiVersion} ${kind}`);
}

/** Every `apiVersion kind` pair the gate knows, for tests and documentation. */
export function knownKinds(): readonly (readonly [apiVersion: string, kind: string])[] {
  return TABLE.map(([apiVersion, kind]) => [apiVersion, kind]);
}
