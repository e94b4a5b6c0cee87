// The manifest model: reading YAML manifests (files, documents, what kept them from being read),
// object identity, pod templates and selectors, and typed access to untyped fields. The gate and
// the tools both read manifests through it.
export { isRecord, list, record, records, stringMap, text } from './data';
export type { Data } from './data';
export { joinPath, pointerToPath } from './field-path';
export { UnreadablePathError, findManifestFiles } from './files';
export { parseManifests, readManifestFiles } from './manifests';
export type { Manifest, ReadProblem, ReadResult } from './manifests';
export { displayId, identityOf, keyOf, labelOf, toKubeObject } from './object';
export type { KubeObject, ObjectId } from './object';
export { LONG_RUNNING, containersOf, podTemplateOf, replicasOf } from './pod-template';
export type { ContainerRef, PodTemplate } from './pod-template';
export { podReferences } from './pod-references';
export type { PodReference } from './pod-references';
export { isEmptySelector, labelSelectorSelects, mapSelects } from './selectors';
export {
  DEPENDS_ON,
  SYNC_WAVE,
  inferredDependencies,
  isReferenceable,
  objectReference,
  parseObjectReferences,
  parseSyncWave,
} from './dependencies';
export { orderInSteps } from './topology';
export type { Graph, Ordering } from './topology';
export { DeployOrderError, deploySteps } from './deploy-steps';
