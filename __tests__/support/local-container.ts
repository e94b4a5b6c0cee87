import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { ROOT, tempDir } from './files';
import { isRoot } from './processes';
import { Manifest, only, podSpecOf } from './synth';

/** Every document of the committed `dist/`, in file order. */
export function readDist(): Manifest[] {
  const dist = path.join(ROOT, 'dist');
  return fs
    .readdirSync(dist)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .flatMap((file) =>
      parseAllDocuments(fs.readFileSync(path.join(dist, file), 'utf8')).map((d) => d.toJS()),
    );
}

/** The folders {@link localContainer} made, until {@link removeLocalContainers}. */
const made: string[] = [];

/** Removes the folders of every container {@link localContainer} made. */
export function removeLocalContainers(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A container of the manifests, made runnable on this machine (see {@link localContainer}). */
export interface LocalContainer {
  /** The command and its arguments (`command` then `args`), paths rewritten. */
  readonly command: readonly string[];
  /** Its environment variables, paths rewritten, and `TMPDIR` when it mounts `/tmp`. */
  readonly env: Readonly<Record<string, string>>;
  /** The pod's `<runAsUser>:<runAsGroup>`, to run it as (when this process is root). */
  readonly user: string;
  /** Where a path of the container is on this machine. */
  local(file: string): string;
}

/**
 * One container of a workload in the manifests, made runnable on this machine as the kubelet
 * would start it: every volume it mounts becomes a folder under a fresh temporary one, with a
 * ConfigMap's keys (from the manifests) as files of mode 0444, a Secret's keys (from `secrets`,
 * as `kubectl create secret` would hold them) as files of mode 0440 in the pod's fsGroup, and an
 * emptyDir empty and writable by all. Every argument and environment value that is a path under
 * a mount is rewritten to the same path under that folder; nothing else changes. The folders stay
 * until {@link removeLocalContainers}.
 *
 * @param secrets the keys of each Secret the pod mounts, by Secret name
 */
export function localContainer(
  manifests: Manifest[],
  workload: Manifest,
  containerName: string,
  secrets: Readonly<Record<string, Readonly<Record<string, string>>>>,
): LocalContainer {
  const pod = podSpecOf(workload);
  const container = [...pod.containers, ...(pod.initContainers ?? [])].find(
    (c: Manifest) => c.name === containerName,
  );
  if (!container) throw new Error(`${workload.metadata.name} has no container ${containerName}`);
  const { runAsUser, runAsGroup, fsGroup } = pod.securityContext;
  const root = tempDir('cdk8s-webapp-container-');
  made.push(root);
  fs.chmodSync(root, 0o755);
  const mounts: string[] = [];

  for (const mount of container.volumeMounts ?? []) {
    const volume = pod.volumes.find((v: Manifest) => v.name === mount.name);
    const dir = path.join(root, mount.mountPath);
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    for (let d = dir; d !== root; d = path.dirname(d)) fs.chmodSync(d, 0o755);
    mounts.push(mount.mountPath);
    if (volume.configMap) {
      const data = only(manifests, 'ConfigMap', volume.configMap.name).data;
      for (const [key, text] of Object.entries<string>(data)) {
        fs.writeFileSync(path.join(dir, key), text, { mode: 0o444 });
      }
    } else if (volume.secret) {
      const data = secrets[volume.secret.secretName];
      if (!data) throw new Error(`no keys given for the Secret ${volume.secret.secretName}`);
      for (const [key, text] of Object.entries(data)) {
        const file = path.join(dir, key);
        fs.writeFileSync(file, text, { mode: 0o440 });
        if (isRoot()) fs.chownSync(file, 0, fsGroup);
      }
    } else if (volume.emptyDir) {
      fs.chmodSync(dir, 0o1777);
    } else {
      throw new Error(`volume ${volume.name} is of a kind this helper does not make`);
    }
  }

  const local = (file: string) => {
    const mount = mounts.find((m) => file === m || file.startsWith(`${m}/`));
    if (mount === undefined) throw new Error(`${file} is on no mount of ${containerName}`);
    return path.join(root, file);
  };
  const rewrite = (value: string) =>
    mounts.some((m) => value === m || value.startsWith(`${m}/`)) ? local(value) : value;
  const env: Record<string, string> = {};
  for (const variable of container.env ?? []) {
    if (variable.value === undefined) throw new Error(`${variable.name} is not a plain value`);
    env[variable.name] = rewrite(variable.value);
  }
  if (mounts.includes('/tmp')) env.TMPDIR = local('/tmp');
  return {
    command: [...(container.command ?? []), ...(container.args ?? [])].map(rewrite),
    env,
    user: `${runAsUser}:${runAsGroup}`,
    local,
  };
}
