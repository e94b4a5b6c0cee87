import * as k8s from '../imports/k8s';

/**
 * The value of one environment variable. There is deliberately no way to write a secret's value
 * into a manifest: secrets are referenced by name and key with {@link EnvValue.fromSecret}.
 */
export class EnvValue {
  /** A plain value, written into the manifest as is. Use it for configuration, never secrets. */
  public static fromValue(value: string): EnvValue {
    return new EnvValue({ value }, true);
  }

  /**
   * A key of a ConfigMap.
   *
   * @param optional whether the pod may start when the ConfigMap or key is missing; default false
   */
  public static fromConfigMap(configMapName: string, key: string, optional = false): EnvValue {
    return new EnvValue({ configMapKeyRef: { name: configMapName, key, optional } }, false);
  }

  /**
   * A key of a Secret: only the Secret's name and key reach the manifest.
   *
   * @param optional whether the pod may start when the Secret or key is missing; default false
   */
  public static fromSecret(secretName: string, key: string, optional = false): EnvValue {
    return new EnvValue({ secretKeyRef: { name: secretName, key, optional } }, false);
  }

  /** A field of the pod itself through the downward API, such as `metadata.name`. */
  public static fromFieldRef(fieldPath: string): EnvValue {
    return new EnvValue({ fieldRef: { fieldPath } }, false);
  }

  private constructor(
    private readonly source: { value: string } | k8s.EnvVarSource,
    /** Whether the value is written into the manifest as plain text. */
    public readonly isPlain: boolean,
  ) {}

  /** @internal */
  public _toKube(name: string): k8s.EnvVar {
    return 'value' in this.source
      ? { name, value: this.source.value }
      : { name, valueFrom: this.source };
  }
}
