import { Volume, VolumeMount } from '../src';

/**
 * A Secret the example reads, created by hand with `kubectl create secret` (see the README) and
 * never synthesized, mounted as files: no program gets a password through its environment.
 */
export interface MountedSecret<K extends string> {
  /** The Secret's name. */
  readonly name: string;
  /** The pod volume that shows it, to spread into a workload's `volumes`. */
  readonly volumes: Record<string, Volume>;
  /** Where a container mounts it, read-only. */
  readonly mount: VolumeMount;
  /** The file of each key, inside the mount. */
  readonly files: Readonly<Record<K, string>>;
}

function mountedSecret<K extends string>(
  name: string,
  path: string,
  keys: readonly K[],
): MountedSecret<K> {
  const volume = `secret-${name}`;
  return {
    name,
    volumes: { [volume]: Volume.fromSecret(name, { keys }) },
    mount: { volume, path, readOnly: true },
    files: Object.fromEntries(keys.map((key) => [key, `${path}/${key}`])) as Record<K, string>,
  };
}

/** The Secrets of the example. */
export const SECRETS = {
  /** The database owner's (`trader`'s) password, key `password`. */
  db: mountedSecret('stock-db', '/secrets/db', ['password']),
  /**
   * PostgREST's login, `authenticator`: its password (key `password`, which the migration sets),
   * and the connection string that holds it (key `db-uri`, which PostgREST reads).
   */
  api: mountedSecret('stock-api', '/secrets/api', ['password', 'db-uri']),
} as const;
