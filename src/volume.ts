import { Size, SizeRoundingBehavior } from 'cdk8s';
import { IConstruct } from 'constructs';
import * as k8s from '../imports/k8s';
import { ConfigMapRef, SecretRef, resolveRef } from './object-ref';
import { DNS_SUBDOMAIN_NAME } from './validation/names';
import { PropCheck } from './validation/prop-check';
import { BOOLEAN, SIZE, STRING, objectOf, optional, required } from './validation/shapes';

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
  public static fromConfigMap(configMap: ConfigMapRef): Volume {
    const ref = resolveRef(
      new PropCheck('Volume.fromConfigMap'),
      'configMap',
      configMap,
      'ConfigMap',
    );
    return new Volume({ configMap: { name: ref.name } }, ref.construct);
  }

  /**
   * The keys of a Secret, one file each; only the Secret's name reaches the manifest.
   *
   * @param secret the Secret: its name, a cdk8s-plus `Secret` or a `KubeSecret` (the pods are
   *   then ordered after it)
   */
  public static fromSecret(secret: SecretRef): Volume {
    const ref = resolveRef(new PropCheck('Volume.fromSecret'), 'secret', secret, 'Secret');
    return new Volume({ secret: { secretName: ref.name } }, ref.construct);
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

function checkName(factory: string, arg: string, name: unknown): PropCheck {
  const check = new PropCheck(factory);
  check.shape(arg, name, STRING);
  check.grammar(arg, name, DNS_SUBDOMAIN_NAME);
  return check;
}

/** A size as a Kubernetes quantity: in mebibytes when whole, else in kibibytes (rounded up). */
function quantity(check: PropCheck, prop: string, size: Size): string {
  const mebibytes = size.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!(mebibytes > 0) || !Number.isFinite(mebibytes)) {
    check.fail(prop, `${mebibytes} MiB`, 'a finite size above 0');
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
