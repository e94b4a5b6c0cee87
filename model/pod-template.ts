import { Data, isRecord, record, records, stringMap } from './data';
import { joinPath } from './field-path';
import { KubeObject } from './object';

/** A pod spec inside a workload object, with where it sits and the labels its pods get. */
export interface PodTemplate {
  /** The object that holds it. */
  readonly object: KubeObject;
  /** The field path of the pod spec, such as `spec.template.spec`. */
  readonly path: string;
  /** The pod spec. */
  readonly spec: Data;
  /** The labels of the pods (the template's `metadata.labels`). */
  readonly labels: Readonly<Record<string, string>>;
  /** The field path of those labels, such as `spec.template.metadata.labels`. */
  readonly labelsPath: string;
}

/** The path of the pod template (`metadata` + `spec`) in each kind that has one. */
const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The kinds whose pods run for good, so that probes, PDBs and spreading matter. */
export const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** Returns the pod template of a workload, or `undefined` for other kinds. */
export function podTemplateOf(object: KubeObject): PodTemplate | undefined {
  const steps = TEMPLATE_PATHS[object.kind];
  if (steps === undefined) return undefined;
  const template = steps.reduce<unknown>((node, step) => record(node)[step], object.raw);
  const spec = record(template).spec;
  if (!isRecord(spec)) return undefined;
  const path = steps.reduce(joinPath, '');
  return {
    object,
    path: joinPath(path, 'spec'),
    spec,
    labels: stringMap(record(record(template).metadata).labels),
    labelsPath: joinPath(joinPath(path, 'metadata'), 'labels'),
  };
}

/** One container of a pod template, with its field path. */
export interface ContainerRef {
  /** The container. */
  readonly container: Data;
  /** Its field path, such as `spec.template.spec.initContainers[0]`. */
  readonly path: string;
  /** Which list it is in. */
  readonly list: 'containers' | 'initContainers' | 'ephemeralContainers';
}

/** Every container of a pod template: regular, init and ephemeral ones. */
export function containersOf(template: PodTemplate): ContainerRef[] {
  return (['containers', 'initContainers', 'ephemeralContainers'] as const).flatMap((list) =>
    records(template.spec[list]).map((container, i) => ({
      container,
      path: joinPath(joinPath(template.path, list), i),
      list,
    })),
  );
}

/** The number of replicas a workload asks for: `spec.replicas`, 1 when not set. */
export function replicasOf(object: KubeObject): number {
  return typeof object.spec.replicas === 'number' ? object.spec.replicas : 1;
}
