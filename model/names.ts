/**
 * The name grammars of the Kubernetes 1.27 API server, from
 * k8s.io/apimachinery/pkg/util/validation/validation.go (IsDNS1123Label, IsDNS1123Subdomain,
 * IsDNS1035Label, IsWildcardDNS1123Subdomain, IsQualifiedName, IsValidLabelValue,
 * IsValidPortName, IsEnvVarName, IsConfigMapKey). Each is a {@link Grammar}: a test and the words
 * that say what it allows.
 */

/** A grammar a string must follow, and how error messages describe it. */
export interface Grammar {
  /** What the grammar allows, completing "must be ...". */
  readonly allowed: string;
  /** Whether a string follows it. */
  readonly test: (value: string) => boolean;
}

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS_LABEL = new RegExp(`^${LABEL}$`);
const DNS_SUBDOMAIN = new RegExp(`^${LABEL}(\\.${LABEL})*$`);
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/** A DNS-1123 label of at most `max` characters: object, container, volume and namespace names. */
export function dnsLabel(max = 63): Grammar {
  return {
    allowed: `a DNS-1123 label of at most ${max} characters (lower-case letters, digits and '-', starting and ending with a letter or digit)`,
    test: (v) => v.length <= max && DNS_LABEL.test(v),
  };
}

/** A DNS-1035 label: a DNS-1123 label that starts with a letter, as Service names must be. */
export function dns1035Label(max = 63): Grammar {
  return {
    allowed: `a DNS-1035 label of at most ${max} characters (it names a Service: lower-case letters, digits and '-', starting with a letter, ending with a letter or digit)`,
    test: (v) => v.length <= max && DNS_1035.test(v),
  };
}

/** A DNS-1123 subdomain: Secret, ConfigMap, claim and StorageClass names, host names. */
export const DNS_SUBDOMAIN_NAME: Grammar = {
  allowed:
    "a DNS-1123 subdomain of at most 253 characters (lower-case letters, digits, '-' and '.')",
  test: (v) => v.length <= 253 && DNS_SUBDOMAIN.test(v),
};

/** A qualified name (`name` or `prefix/name`): label and annotation keys. */
export const QUALIFIED_NAME: Grammar = {
  allowed:
    "a qualified name: an optional DNS-1123 subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
  test: (v) => {
    const slash = v.lastIndexOf('/');
    const [prefix, name] = slash === -1 ? [undefined, v] : [v.slice(0, slash), v.slice(slash + 1)];
    if (prefix !== undefined && !DNS_SUBDOMAIN_NAME.test(prefix)) return false;
    return name.length <= 63 && QUALIFIED_NAME_PART.test(name);
  },
};

/** An annotation key: a qualified name once lower-cased, as the API server checks it. */
export const ANNOTATION_KEY: Grammar = {
  allowed: QUALIFIED_NAME.allowed,
  test: (v) => QUALIFIED_NAME.test(v.toLowerCase()),
};

/**
 * Kubernetes 1.27's limit on an object's annotations (TotalAnnotationSizeLimitB in
 * k8s.io/apimachinery/pkg/api/validation/objectmeta.go): the keys and values together, in bytes.
 */
export const TOTAL_ANNOTATION_BYTES = 256 * 1024;

/** The size of annotations as that limit counts it: the bytes of every key and value. */
export function annotationBytes(annotations: Readonly<Record<string, string>>): number {
  let bytes = 0;
  for (const key in annotations)
    bytes += Buffer.byteLength(key) + Buffer.byteLength(annotations[key]);
  return bytes;
}

/** A label value: at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends, or empty. */
export const LABEL_VALUE_TEXT: Grammar = {
  allowed:
    "a label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
  test: (v) => v.length <= 63 && LABEL_VALUE.test(v),
};

/** An IANA service name: the names of container ports, which probes and Services refer to. */
export const PORT_NAME: Grammar = {
  allowed:
    "an IANA service name: at most 15 lower-case letters, digits and '-', with a letter, no '--', and no '-' at either end",
  test: (v) =>
    v.length >= 1 &&
    v.length <= 15 &&
    /^[-a-z0-9]+$/.test(v) &&
    /[a-z]/.test(v) &&
    !v.includes('--') &&
    !v.startsWith('-') &&
    !v.endsWith('-'),
};

/** An environment variable name. */
export const ENV_NAME: Grammar = {
  allowed:
    "a name of letters, digits, '_', '-' and '.' that starts with no digit, not '.', '..' or starting with '..'",
  // IsEnvVarName, with its hasChDirPrefix.
  test: (v) => ENV_VAR_NAME.test(v) && v !== '.' && !v.startsWith('..'),
};

/** A key of a ConfigMap or Secret. */
export const CONFIG_KEY: Grammar = {
  allowed:
    "a key of at most 253 letters, digits, '-', '_' and '.', not '.', '..' or starting with '..'",
  test: (v) => v.length <= 253 && CONFIG_MAP_KEY.test(v) && !v.startsWith('..') && v !== '.',
};
