import { DiagramCollector } from './collector';
import { idOf } from './node-ids';
import { KubeObject, record, text } from '../../model';

/**
 * Draws a ConfigMap or Secret with its keys (those of `data` and `stringData`, sorted),
 * replacing the placeholder drawn for a pod that uses it.
 */
export function drawConfigData(diagram: DiagramCollector, object: KubeObject): void {
  const keys = [
    ...Object.keys(record(object.raw.data)),
    ...Object.keys(record(object.raw.stringData)),
  ];
  diagram.setNode({
    id: idOf(object),
    kind: object.kind === 'Secret' ? 'Secret' : 'ConfigMap',
    namespace: object.namespace,
    heading: object.kind,
    name: object.name,
    details: keys.length > 0 ? [keys.sort().join(', ')] : [],
  });
}

/**
 * Draws a PersistentVolumeClaim with the storage it requests, replacing the placeholder drawn
 * for a pod that uses it.
 */
export function drawClaim(diagram: DiagramCollector, object: KubeObject): void {
  diagram.setNode({
    id: idOf(object),
    kind: 'PersistentVolumeClaim',
    namespace: object.namespace,
    heading: 'PersistentVolumeClaim',
    name: object.name,
    details: [text(record(record(object.spec.resources).requests).storage)].filter((s) => s !== ''),
  });
}
