import * as k8s from '../imports/k8s';
import { CONFIG_KEY, DNS_SUBDOMAIN_NAME, QUALIFIED_NAME } from './validation/names';
import { PropCheck } from './validation/prop-check';
import { BOOLEAN, STRING } from './validation/shapes';

/**
 * The pod fields the downward API offers to environment variables (Kubernetes 1.27,
 * validEnvDownwardAPIFieldPathExpressions in pkg/apis/core/validation); a label or annotation
 * key in brackets must be a qualified name.
 */
const FIELD_PATH =
  /^(metadata\.(name|namespace|uid)|metadata\.(labels|annotations)\['([^']+)'\]|spec\.(nodeName|serviceAccountName)|status\.(hostIP|hostIPs|podIP|podIPs))$/;
const FIELD_PATHS =
  "a pod field the downward API offers (metadata.name, metadata.namespace, metadata.uid, metadata.labels['<key>'], metadata.annotations['<key>'], spec.nodeName, spec.serviceAccountName, status.hostIP(s), status.podIP(s))";

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
   * @param optional whether the pod may start when the ConfigMap or key is missing; default false
   */
  public static fromConfigMap(configMapName: string, key: string, optional = false): EnvValue {
    const ref = checkedRef('EnvValue.fromConfigMap', 'configMapName', configMapName, key, optional);
    return new EnvValue({ configMapKeyRef: ref }, false);
  }

  /**
   * A key of a Secret: only the Secret's name and key reach the manifest.
   *
   * @param optional whether the pod may start when the Secret or key is missing; default false
   */
  public static fromSecret(secretName: string, key: string, optional = false): EnvValue {
    const ref = checkedRef('EnvValue.fromSecret', 'secretName', secretName, key, optional);
    return new EnvValue({ secretKeyRef: ref }, false);
  }

  /** A field of the pod itself through the downward API, such as `metadata.name`. */
  public static fromFieldRef(fieldPath: string): EnvValue {
    const check: PropCheck = new PropCheck('EnvValue.fromFieldRef');
    check.shape('fieldPath', fieldPath, STRING);
    const match = FIELD_PATH.exec(fieldPath);
    if (match === null) check.fail('fieldPath', fieldPath, FIELD_PATHS);
    if (match[4] !== undefined && !QUALIFIED_NAME.test(match[4].toLowerCase())) {
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
  ) {}

  /** @internal */
  public _toKube(name: string): k8s.EnvVar {
    return 'value' in this.source
      ? { name, value: this.source.value }
      : { name, valueFrom: this.source };
  }
}

/** A ConfigMap or Secret key reference, after checking its name, key and flag. */
function checkedRef(
  factory: string,
  nameArg: string,
  name: unknown,
  key: unknown,
  optional: unknown,
): { name: string; key: string; optional: boolean } {
  const check = new PropCheck(factory);
  check.shape(nameArg, name, STRING);
  check.grammar(nameArg, name, DNS_SUBDOMAIN_NAME);
  check.shape('key', key, STRING);
  check.grammar('key', key, CONFIG_KEY);
  check.shape('optional', optional, BOOLEAN);
  return { name: name as string, key: key as string, optional: optional as boolean };
}
