import { IConstruct } from 'constructs';
import * as k8s from '../imports/k8s';
import { ConfigMapRef, SecretRef, resolveRef } from './object-ref';
import { CONFIG_KEY, QUALIFIED_NAME } from '../model/names';
import { PropCheck } from './validation/prop-check';
import { BOOLEAN, STRING } from './validation/shapes';

/**
 * The pod fields the downward API offers to environment variables (Kubernetes 1.27,
 * validEnvDownwardAPIFieldPathExpressions in pkg/apis/core/validation); a label or annotation
 * key in brackets must be a qualified name.
 */
const FIELD_PATH =
  /^(metadata\.(name|namespace|uid)|metadata\.(labels|annotations)\['([^']+)'\]|spec\.(nodeName|serviceAccountName)|status\.(hostIP|podIP|podIPs))$/;
const FIELD_PATHS =
  "a pod field the downward API offers (metadata.name, metadata.namespace, metadata.uid, metadata.labels['<key>'], metadata.annotations['<key>'], spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP(s))";

/**
 * The value of one environment variable. There is deliberately no way to write a secret's value
 * into a manifest: secrets are referenced by name and key with {@link EnvValue.fromSecret}.
 */
export class EnvValue {
  /** A plain value, written into the manifest as is. Use it for configuration, never secrets. */
  public static fromValue(value: string): EnvValue {
    new PropCheck('EnvValue.fromValue').shape('value', value, STRING);
    return new EnvValue({ value }, true);
  }

  /**
   * A key of a ConfigMap.
   *
   * @param configMap the ConfigMap: its name, a cdk8s-plus `ConfigMap` or a `KubeConfigMap` (the
   *   pods are then ordered after it)
   * @param optional whether the pod may start when the ConfigMap or key is missing; default false
   */
  public static fromConfigMap(configMap: ConfigMapRef, key: string, optional = false): EnvValue {
    const check = new PropCheck('EnvValue.fromConfigMap');
    const ref = resolveRef(check, 'configMap', configMap, 'ConfigMap');
    const selector = { name: ref.name, ...checkedKey(check, key, optional) };
    return new EnvValue({ configMapKeyRef: selector }, false, ref.construct);
  }

  /**
   * A key of a Secret: only the Secret's name and key reach the manifest.
   *
   * @param secret the Secret: its name, a cdk8s-plus `Secret` or a `KubeSecret` (the pods are then
   *   ordered after it)
   * @param optional whether the pod may start when the Secret or key is missing; default false
   */
  public static fromSecret(secret: SecretRef, key: string, optional = false): EnvValue {
    const check = new PropCheck('EnvValue.fromSecret');
    const ref = resolveRef(check, 'secret', secret, 'Secret');
    const selector = { name: ref.name, ...checkedKey(check, key, optional) };
    return new EnvValue({ secretKeyRef: selector }, false, ref.construct);
  }

  /** A field of the pod itself through the downward API, such as `metadata.name`. */
  public static fromFieldRef(fieldPath: string): EnvValue {
    const check: PropCheck = new PropCheck('EnvValue.fromFieldRef');
    check.shape('fieldPath', fieldPath, STRING);
    const match = FIELD_PATH.exec(fieldPath);
    if (match === null) check.fail('fieldPath', fieldPath, FIELD_PATHS);
    // Kubernetes lower-cases an annotation key before it checks it, and a label key not.
    const key = match[3] === 'annotations' ? match[4]?.toLowerCase() : match[4];
    if (key !== undefined && !QUALIFIED_NAME.test(key)) {
      check.fail(
        'fieldPath',
        fieldPath,
        `a label or annotation key that is ${QUALIFIED_NAME.allowed}`,
      );
    }
    return new EnvValue({ fieldRef: { fieldPath } }, false);
  }

  private constructor(
    private readonly source: { value: string } | k8s.EnvVarSource,
    /** Whether the value is written into the manifest as plain text. */
    public readonly isPlain: boolean,
    /** The construct of the object the value comes from, when the user gave one. @internal */
    public readonly _object?: IConstruct,
  ) {}

  /** @internal */
  public _toKube(name: string): k8s.EnvVar {
    return 'value' in this.source
      ? { name, value: this.source.value }
      : { name, valueFrom: this.source };
  }
}

/** A ConfigMap or Secret key and the optional flag, after checking them. */
function checkedKey(
  check: PropCheck,
  key: unknown,
  optional: unknown,
): { key: string; optional: boolean } {
  check.shape('key', key, STRING);
  check.grammar('key', key, CONFIG_KEY);
  check.shape('optional', optional, BOOLEAN);
  return { key: key as string, optional: optional as boolean };
}
