import { MOUNT_PATH, SUB_PATH } from './validation/file-paths';
import { PropCheck } from './validation/prop-check';
import { VolumeMount } from './volume';

/** The emptyDir volume name of a writable path: `/var/cache/nginx` becomes `writable-var-cache-nginx`. */
export function writableVolumeName(path: string): string {
  const slug = path
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return `writable-${slug}`.slice(0, 63).replace(/-$/, '');
}

/** What one container mounts: volumes of the pod, and writable paths on emptyDirs of their own. */
export interface ContainerMounts {
  /** The container's volume mounts. */
  readonly volumeMounts?: readonly VolumeMount[];
  /** The container's writable paths. */
  readonly writablePaths?: readonly string[];
}

/**
 * Checks a container's mounts: each names a volume the pod declares, at a path the container
 * runtime takes (absolute, not `/`), with a relative `subPath`; no path is mounted twice.
 *
 * @param at the prop path of a field of the container, such as `sidecars[0].volumeMounts`
 * @param declared the names of the pod's volumes (and of a StatefulSet's claim templates)
 */
export function checkMounts(
  check: PropCheck,
  at: (field: string) => string,
  mounts: ContainerMounts,
  declared: readonly string[],
): void {
  (mounts.volumeMounts ?? []).forEach((mount, i) => {
    const prop = at(`volumeMounts[${i}]`);
    if (!declared.includes(mount.volume)) {
      const names = declared.map((v) => `'${v}'`).join(', ') || 'none';
      check.fail(`${prop}.volume`, mount.volume, `a volume declared in volumes (${names})`);
    }
    check.grammar(`${prop}.path`, mount.path, MOUNT_PATH);
    check.grammar(`${prop}.subPath`, mount.subPath, SUB_PATH);
  });
  for (const path of mounts.writablePaths ?? [])
    check.grammar(at('writablePaths'), path, MOUNT_PATH);
  // Kubernetes refuses two mounts at one path in a container.
  check.unique(at('volumeMounts and writablePaths'), [
    ...(mounts.volumeMounts ?? []).map((m) => m.path),
    ...(mounts.writablePaths ?? []),
  ]);
}
