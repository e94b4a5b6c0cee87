import { ContainerBox } from './graph';
import {
  ContainerRef,
  PodTemplate,
  containersOf,
  isRecord,
  list,
  records,
  text,
} from '../../model';

/** The containers of a pod template in start order: init containers, the main one, sidecars. */
export function containerBoxes(template: PodTemplate): ContainerBox[] {
  return startOrder(template).map((ref, i, all) => {
    const c = ref.container;
    const nativeSidecar = ref.list === 'initContainers' && c.restartPolicy === 'Always';
    const firstMain = all.findIndex((r) => r.list === 'containers');
    const role: ContainerBox['role'] =
      ref.list === 'initContainers' && !nativeSidecar
        ? 'init'
        : i === firstMain
          ? 'main'
          : 'sidecar';
    const ports = records(c.ports).map((p) => {
      const number = String(p.containerPort ?? '?');
      const protocol = p.protocol && p.protocol !== 'TCP' ? `/${String(p.protocol)}` : '';
      return typeof p.name === 'string' ? `${number}${protocol} ${p.name}` : `${number}${protocol}`;
    });
    return { role, name: text(c.name), image: text(c.image), ports };
  });
}

/** The index (in {@link containerBoxes} order) of the container that exposes a port. */
export function containerWithPort(template: PodTemplate, port: unknown): number | undefined {
  const index = startOrder(template).findIndex((ref) =>
    list(ref.container.ports).some(
      (p) => isRecord(p) && (p.name === port || p.containerPort === port),
    ),
  );
  return index === -1 ? undefined : index;
}

/** The init containers, then the containers (ephemeral ones are left out). */
function startOrder(template: PodTemplate): ContainerRef[] {
  const all = containersOf(template);
  return [
    ...all.filter((ref) => ref.list === 'initContainers'),
    ...all.filter((ref) => ref.list === 'containers'),
  ];
}

/** Resolves a port name to the number a container of the template listens on. */
export function portNumber(template: PodTemplate | undefined, port: unknown): string {
  if (typeof port === 'number' || template === undefined) return String(port);
  for (const ref of containersOf(template)) {
    for (const p of list(ref.container.ports)) {
      if (isRecord(p) && p.name === port) return String(p.containerPort);
    }
  }
  return String(port);
}

/** The pod's volumes, as `name (type)`: `site (emptyDir)`, `seed (ConfigMap)`. */
export function volumeLabels(template: PodTemplate): string[] {
  const volumes = list(template.spec.volumes);
  return volumes.filter(isRecord).map((v) => {
    const type = Object.keys(v).find((k) => k !== 'name') ?? '?';
    const names: Readonly<Record<string, string>> = {
      configMap: 'ConfigMap',
      secret: 'Secret',
      persistentVolumeClaim: 'claim',
      projected: 'projected',
    };
    return `${text(v.name)} (${names[type] ?? type})`;
  });
}
