import { Size, SizeRoundingBehavior } from 'cdk8s';
import * as k8s from '../imports/k8s';

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

/**
 * A pod volume, shared by name between the main container, sidecars and init containers. Only the
 * volume types that Pod Security Standards "restricted" allows can be made.
 */
export class Volume {
  /** A scratch folder that lives as long as the pod: the usual way to share files between containers. */
  public static emptyDir(options: EmptyDirOptions = {}): Volume {
    return new Volume({
      emptyDir: {
        medium: options.inMemory ? 'Memory' : undefined,
        sizeLimit: options.sizeLimit && k8s.Quantity.fromString(quantity(options.sizeLimit)),
      },
    });
  }

  /** The keys of a ConfigMap, one file each. */
  public static fromConfigMap(configMapName: string): Volume {
    return new Volume({ configMap: { name: configMapName } });
  }

  /** The keys of a Secret, one file each; only the Secret's name reaches the manifest. */
  public static fromSecret(secretName: string): Volume {
    return new Volume({ secret: { secretName } });
  }

  /** An existing PersistentVolumeClaim: storage that outlives the pod. */
  public static fromPersistentVolumeClaim(claimName: string, readOnly = false): Volume {
    return new Volume({ persistentVolumeClaim: { claimName, readOnly } });
  }

  private constructor(private readonly source: Omit<k8s.Volume, 'name'>) {}

  /** @internal */
  public _toKube(name: string): k8s.Volume {
    return { name, ...this.source };
  }
}

/** A size as a Kubernetes quantity: in mebibytes when whole, else in kibibytes (rounded up). */
function quantity(size: Size): string {
  const mebibytes = size.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
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
