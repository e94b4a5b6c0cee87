import { Size } from 'cdk8s';
import { EnvValue, NetworkPeer, Probe, Volume } from '../../src';

/** [the call, the exact message]: every value factory refuses what it cannot use, in one line. */
const cases: [string, () => unknown, string][] = [
  [
    'EnvValue.fromFieldRef with status.hostIPs, which Kubernetes 1.27 does not offer',
    () => EnvValue.fromFieldRef('status.hostIPs'),
    "EnvValue.fromFieldRef: fieldPath must be a pod field the downward API offers (metadata.name, metadata.namespace, metadata.uid, metadata.labels['<key>'], metadata.annotations['<key>'], spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP(s)), got 'status.hostIPs'",
  ],
  [
    'EnvValue.fromFieldRef with a label key whose prefix has upper-case letters',
    () => EnvValue.fromFieldRef("metadata.labels['Example.com/key']"),
    'EnvValue.fromFieldRef: fieldPath must be a label or annotation key that is a qualified name',
  ],
  [
    'NetworkPeer.ipBlock with an IPv6 zone',
    () => NetworkPeer.ipBlock('fe80::1%eth0/64'),
    "NetworkPeer.ipBlock: cidr must be a range in CIDR notation such as '10.0.0.0/8', got 'fe80::1%eth0/64'",
  ],
  [
    'Volume.emptyDir with a size limit beyond 2^53 MiB, which would print with an exponent',
    () => Volume.emptyDir({ sizeLimit: Size.gibibytes(1e19) }),
    "Volume.emptyDir: options.sizeLimit must be a size above 0 and at most 2^53 - 1 MiB, got '1.024e+22 MiB'",
  ],
  [
    'EnvValue.fromValue(42)',
    () => EnvValue.fromValue(42 as never),
    'EnvValue.fromValue: value must be a string, got 42',
  ],
  [
    'EnvValue.fromSecret(undefined, key)',
    () => EnvValue.fromSecret(undefined as never, 'key'),
    'EnvValue.fromSecret: secret must be a Secret name, a cdk8s-plus Secret, or a KubeSecret, got undefined',
  ],
  [
    'EnvValue.fromSecret with an upper-case name',
    () => EnvValue.fromSecret('Db', 'password'),
    "EnvValue.fromSecret: secret must be a DNS-1123 subdomain of at most 253 characters (lower-case letters, digits, '-' and '.'), got 'Db'",
  ],
  [
    'EnvValue.fromConfigMap with a key starting with ..',
    () => EnvValue.fromConfigMap('config', '..data'),
    "EnvValue.fromConfigMap: key must be a key of at most 253 letters, digits, '-', '_' and '.', not '.', '..' or starting with '..', got '..data'",
  ],
  [
    'EnvValue.fromConfigMap with optional as a string',
    () => EnvValue.fromConfigMap('config', 'mode', 'yes' as never),
    "EnvValue.fromConfigMap: optional must be true or false, got 'yes'",
  ],
  [
    'EnvValue.fromFieldRef with a label key that is no qualified name',
    () => EnvValue.fromFieldRef("metadata.labels['a b']"),
    'EnvValue.fromFieldRef: fieldPath must be a label or annotation key that is a qualified name',
  ],
  [
    'Volume.fromSecret with no keys',
    () => Volume.fromSecret('db', { keys: [] }),
    'Volume.fromSecret: options.keys must be at least one key, got []',
  ],
  [
    'Volume.fromConfigMap with a key twice',
    () => Volume.fromConfigMap('site', { keys: ['a', 'a'] }),
    "Volume.fromConfigMap: options.keys must be each key once, got 'a'",
  ],
  [
    'Volume.fromSecret with a key that is a path',
    () => Volume.fromSecret('db', { keys: ['a/b'] }),
    "Volume.fromSecret: options.keys[0] must be a key of at most 253 letters, digits, '-', '_' and '.', not '.', '..' or starting with '..', got 'a/b'",
  ],
  [
    'Volume.fromSecret with keys as a string',
    () => Volume.fromSecret('db', { keys: 'password' as never }),
    "Volume.fromSecret: options.keys must be a list of strings, got 'password'",
  ],
  [
    'Probe.exec([])',
    () => Probe.exec([]),
    'Probe.exec: command must be a non-empty list of strings, the program first, got []',
  ],
  [
    "Probe.exec('true')",
    () => Probe.exec('true' as never),
    "Probe.exec: command must be a non-empty list of strings, the program first, got 'true'",
  ],
  [
    "Probe.httpGet('healthz')",
    () => Probe.httpGet('healthz'),
    "Probe.httpGet: path must be a path starting with '/', got 'healthz'",
  ],
  [
    'Probe.tcp with a misspelt option',
    () => Probe.tcp({ perod: 5 } as never),
    "Probe.tcp: options.perod must be left out: probe options have no 'perod' (did you mean 'period'?), got 5",
  ],
  [
    'Probe.tcp with a period in seconds',
    () => Probe.tcp({ period: 10 } as never),
    'Probe.tcp: options.period must be a Duration, such as Duration.seconds(30), got 10',
  ],
  [
    'Volume.fromConfigMap(undefined)',
    () => Volume.fromConfigMap(undefined as never),
    'Volume.fromConfigMap: configMap must be a ConfigMap name, a cdk8s-plus ConfigMap, or a KubeConfigMap, got undefined',
  ],
  [
    'Volume.emptyDir with a size in MiB as a number',
    () => Volume.emptyDir({ sizeLimit: 64 } as never),
    'Volume.emptyDir: options.sizeLimit must be a Size, such as Size.mebibytes(128), got 64',
  ],
  [
    'Volume.fromPersistentVolumeClaim with readOnly as a string',
    () => Volume.fromPersistentVolumeClaim('data', 'true' as never),
    "Volume.fromPersistentVolumeClaim: readOnly must be true or false, got 'true'",
  ],
  [
    'NetworkPeer.pods with a label key that is no qualified name',
    () => NetworkPeer.pods({ 'app name': 'web' }),
    'NetworkPeer.pods: labels key must be a qualified name',
  ],
  [
    'NetworkPeer.pods with a label value that is too long',
    () => NetworkPeer.pods({ app: 'x'.repeat(64) }),
    'NetworkPeer.pods: labels.app must be a label value',
  ],
  [
    'NetworkPeer.pods with a namespace Kubernetes refuses',
    () => NetworkPeer.pods({ app: 'web' }, 'Team_A'),
    "NetworkPeer.pods: namespace must be a DNS-1123 label of at most 63 characters (lower-case letters, digits and '-', starting and ending with a letter or digit), got 'Team_A'",
  ],
  [
    'NetworkPeer.namespace(42)',
    () => NetworkPeer.namespace(42 as never),
    'NetworkPeer.namespace: name must be a string, got 42',
  ],
  [
    'NetworkPeer.ipBlock with an except outside the range',
    () => NetworkPeer.ipBlock('10.0.0.0/8', ['192.168.0.0/16']),
    "NetworkPeer.ipBlock: except[0] must be a CIDR range strictly inside '10.0.0.0/8', got '192.168.0.0/16'",
  ],
  [
    'NetworkPeer.ipBlock with an except equal to the range',
    () => NetworkPeer.ipBlock('10.0.0.0/8', ['10.0.0.0/8']),
    "NetworkPeer.ipBlock: except[0] must be a CIDR range strictly inside '10.0.0.0/8', got '10.0.0.0/8'",
  ],
  [
    'NetworkPeer.ipBlock with an IPv6 except of the other family',
    () => NetworkPeer.ipBlock('10.0.0.0/8', ['fd00::/8']),
    "NetworkPeer.ipBlock: except[0] must be a CIDR range strictly inside '10.0.0.0/8', got 'fd00::/8'",
  ],
  [
    'NetworkPeer.ipBlock with no prefix',
    () => NetworkPeer.ipBlock('10.0.0.1'),
    "NetworkPeer.ipBlock: cidr must be a range in CIDR notation such as '10.0.0.0/8', got '10.0.0.1'",
  ],
  [
    'NetworkPeer.ingressController with a label map as a string',
    () => NetworkPeer.ingressController({ podLabels: 'ingress-nginx' } as never),
    "NetworkPeer.ingressController: options.podLabels must be labels such as { 'app.kubernetes.io/name': 'web' }, got 'ingress-nginx'",
  ],
];

describe('value factories', () => {
  test.each(cases)('refuse %s', (_what, call, message) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
  });

  test('take an annotation key in any case, as Kubernetes lower-cases it first', () => {
    expect(() => EnvValue.fromFieldRef("metadata.annotations['Example.com/key']")).not.toThrow();
  });

  test('show only the keys asked for, each as a file of its name', () => {
    expect(Volume.fromSecret('db', { keys: ['password'] })._toKube('v')).toEqual({
      name: 'v',
      secret: { secretName: 'db', items: [{ key: 'password', path: 'password' }] },
    });
  });

  test('accept IPv6 ranges and their strict subsets', () => {
    expect(() => NetworkPeer.ipBlock('fd00::/8', ['fd00:1::/32', '::ffff:10.0.0.0/104'])).toThrow(
      "except[1] must be a CIDR range strictly inside 'fd00::/8'",
    );
    expect(() => NetworkPeer.ipBlock('fd00::/8', ['fd00:1::/32'])).not.toThrow();
    expect(() =>
      NetworkPeer.ipBlock('10.0.0.0/8', ['10.1.0.0/16', '10.255.255.255/32']),
    ).not.toThrow();
  });
});
