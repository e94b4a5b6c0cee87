import { Size, SizeRoundingBehavior } from 'cdk8s';
import { IConstruct } from 'constructs';
import * as k8s from '../imports/k8s';
import { ConfigMapRef, SecretRef, resolveRef } from './object-ref';
import { CONFIG_KEY, DNS_SUBDOMAIN_NAME } from '../model/names';
import { PropCheck } from './validation/prop-check';
import { BOOLEAN, SIZE, STRING, listOf, objectOf, optional, required } from './validation/shapes';

/** Options for an emptyDir volume. */
export interface EmptyDirOptions {
  /**
   * The most the volume may hold; the pod is evicted beyond it.
   *
   * @default - no limit beyond the node's ephemeral storage
   */
  readonly sizeLimit?: Size;

  /**
   * Keep the volume in memory (tmpfs) rather than on the node's disk; it counts against the
   * container's memory limit.
   *
   * @default false
   */
  readonly inMemory?: boolean;
}

const EMPTY_DIR_OPTIONS = objectOf<EmptyDirOptions>('emptyDir options', {
  sizeLimit: optional(SIZE),
  inMemory: optional(BOOLEAN),
});

/** Options for a volume that shows the keys of a ConfigMap or a Secret. */
export interface KeysOptions {
  /**
   * Show only these keys, each as a file named after it. The pod does not start while one of
   * them is missing, and `npm run deploy` names them when the object must be created by hand.
   *
   * @default - every key of the object
   */
  readonly keys?: readonly string[];
}

const KEYS_OPTIONS = objectOf<KeysOptions>('key options', { keys: optional(listOf(STRING)) });

/**
 * A pod volume, shared by name between the main container, sidecars and init containers. Only the
 * volume types that Pod Security Standards "restricted" allows can be made.
 */
export class Volume {
  /** A scratch folder that lives as long as the pod: the usual way to share files between containers. */
  public static emptyDir(options: EmptyDirOptions = {}): Volume {
    const check = new PropCheck('Volume.emptyDir');
    check.shape('options', options, EMPTY_DIR_OPTIONS);
    const sizeLimit =
      options.sizeLimit === undefined
        ? undefined
        : quantity(check, 'options.sizeLimit', options.sizeLimit);
    return new Volume({
      emptyDir: {
        medium: options.inMemory ? 'Memory' : undefined,
        sizeLimit: sizeLimit === undefined ? undefined : k8s.Quantity.fromString(sizeLimit),
      },
    });
  }

  /**
   * The keys of a ConfigMap, one file each.
   *
   * @param configMap the ConfigMap: its name, a cdk8s-plus `ConfigMap` or a `KubeConfigMap` (the
   *   pods are then ordered after it)
   */
  public static fromConfigMap(configMap: ConfigMapRef, options: KeysOptions = {}): Volume {
    const check = new PropCheck('Volume.fromConfigMap');
    const ref = resolveRef(check, 'configMap', configMap, 'ConfigMap');
    const items = itemsOf(check, options);
    return new Volume({ configMap: { name: ref.name, items } }, ref.construct);
  }

  /**
   * The keys of a Secret, one file each; only the Secret's name reaches the manifest.
   *
   * @param secret the Secret: its name, a cdk8s-plus `Secret` or a `KubeSecret` (the pods are
   *   then ordered after it)
   */
  public static fromSecret(secret: SecretRef, options: KeysOptions = {}): Volume {
    const check = new PropCheck('Volume.fromSecret');
    const ref = resolveRef(check, 'secret', secret, 'Secret');
    const items = itemsOf(check, options);
    return new Volume({ secret: { secretName: ref.name, items } }, ref.construct);
  }

  /** An existing PersistentVolumeClaim: storage that outlives the pod. */
  public static fromPersistentVolumeClaim(claimName: string, readOnly = false): Volume {
    const check = checkName('Volume.fromPersistentVolumeClaim', 'claimName', claimName);
    check.shape('readOnly', readOnly, BOOLEAN);
    return new Volume({ persistentVolumeClaim: { claimName, readOnly } });
  }

  private constructor(
    private readonly source: Omit<k8s.Volume, 'name'>,
    /** The construct of the object the volume shows, when the user gave one. @internal */
    public readonly _object?: IConstruct,
  ) {}

  /** @internal */
  public _toKube(name: string): k8s.Volume {
    return { name, ...this.source };
  }
}

/** The volume items of {@link KeysOptions}: each key as a file of its own name. */
function itemsOf(check: PropCheck, options: KeysOptions): k8s.KeyToPath[] | undefined {
  check.shape('options', options, KEYS_OPTIONS);
  if (options.keys === undefined) return undefined;
  if (options.keys.length === 0) check.fail('options.keys', options.keys, 'at least one key');
  options.keys.forEach((key, i) => check.grammar(`options.keys[${i}]`, key, CONFIG_KEY));
  const repeated = options.keys.find((key, i) => options.keys!.indexOf(key) !== i);
  if (repeated !== undefined) check.fail('options.keys', repeated, 'each key once');
  return options.keys.map((key) => ({ key, path: key }));
}

function checkName(factory: string, arg: string, name: unknown): PropCheck {
  const check = new PropCheck(factory);
  check.shape(arg, name, STRING);
  check.grammar(arg, name, DNS_SUBDOMAIN_NAME);
  return check;
}

/** A size as a Kubernetes quantity: in mebibytes when whole, else in kibibytes (rounded up). */
function quantity(check: PropCheck, prop: string, size: Size): string {
  const mebibytes = size.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  // Beyond 2^53 a number prints with an exponent (1.024e+21Mi), which is no quantity.
  if (!(mebibytes > 0) || !(mebibytes <= Number.MAX_SAFE_INTEGER)) {
    check.fail(prop, `${mebibytes} MiB`, 'a size above 0 and at most 2^53 - 1 MiB');
  }
  return Number.isInteger(mebibytes)
    ? `${mebibytes}Mi`
    : `${Math.ceil(size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }))}Ki`;
}

/** Where a named volume appears inside a container. */
export interface VolumeMount {
  /** The name of a volume declared on the workload. */
  readonly volume: string;
  /** The absolute path in the container. */
  readonly path: string;
  /**
   * Mount the volume read-only.
   *
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * Mount only this sub-path of the volume.
   *
   * @default - the volume's root
   */
  readonly subPath?: string;
}

/** The runtime type of a {@link VolumeMount}. */
export const VOLUME_MOUNT = objectOf<VolumeMount>('volume mount settings', {
  volume: required(STRING),
  path: required(STRING),
  readOnly: optional(BOOLEAN),
  subPath: optional(STRING),
});
