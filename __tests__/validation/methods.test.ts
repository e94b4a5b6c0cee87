import { Size } from 'cdk8s';
import { runSynth, synthAtomically } from '../../runtime';
import { NetworkPeer, Probe, StatefulApp, WebApp } from '../../src';
import { testChart } from '../support/synth';

const IMAGE = 'nginxinc/nginx-unprivileged:1.27.2-alpine';

function apps() {
  const chart = testChart();
  const web = new WebApp(chart, 'web', { image: IMAGE });
  const db = new StatefulApp(chart, 'db', {
    image: 'postgres:16.4-alpine',
    ports: [{ name: 'postgres', containerPort: 5432 }],
    readiness: Probe.exec(['pg_isready']),
    liveness: Probe.tcp(),
    volumeClaims: { data: { storage: Size.gibibytes(1) } },
  });
  return { chart, web, db };
}

/** [the call, the exact message]: methods check what they are given, as constructors do. */
const cases: [string, (a: ReturnType<typeof apps>) => unknown, string][] = [
  [
    'allowFrom a label map instead of a peer',
    ({ web }) => web.allowFrom({ app: 'x' } as never),
    `WebApp 'test/web': allowFrom peer must be a NetworkPeer (NetworkPeer.pods(...), NetworkPeer.ipBlock(...)), a workload, or a cdk8s-plus peer such as a Deployment or Pods.select(...), got {"app":"x"}`,
  ],
  [
    'allowTo a port list as a number',
    ({ web }) => web.allowTo(NetworkPeer.anywhere(), 443 as never),
    "WebApp 'test/web': allowTo ports must be a list of ports such as [{ port: 5432 }] or [{ port: 'http' }], got 443",
  ],
  [
    'allowTo an unknown protocol',
    ({ web }) => web.allowTo(NetworkPeer.anywhere(), [{ port: 53, protocol: 'ICMP' as never }]),
    "WebApp 'test/web': allowTo ports[0].protocol must be one of 'TCP', 'UDP', 'SCTP', got 'ICMP'",
  ],
  [
    'allowFrom a port name Kubernetes refuses',
    ({ web }) => web.allowFrom(NetworkPeer.anywhere(), [{ port: 'HTTP_Port' }]),
    "WebApp 'test/web': allowFrom ports[0].port must be an IANA service name",
  ],
  [
    'connectTo something that is not a workload',
    ({ web }) => web.connectTo('db' as never),
    "WebApp 'test/web': connectTo peer must be a NetworkPeer (NetworkPeer.pods(...), NetworkPeer.ipBlock(...)), a workload, or a cdk8s-plus peer such as a Deployment or Pods.select(...), got 'db'",
  ],
  [
    'addSidecar without an image',
    ({ web }) => web.addSidecar({ name: 'helper' } as never),
    "WebApp 'test/web': sidecars[0].image must be a string, got undefined",
  ],
  [
    'addSidecar with a port the main container uses',
    ({ web }) =>
      web.addSidecar({
        name: 'helper',
        image: 'busybox:1.36.1',
        ports: [{ name: 'metrics', containerPort: 8080 }],
      }),
    "WebApp 'test/web': sidecars[0].ports[0].containerPort must be a port number no other container of the pod uses (the main container has it), got 8080",
  ],
  [
    'addInitContainer as a string',
    ({ db }) => db.addInitContainer('busybox' as never),
    "StatefulApp 'test/db': initContainers[0] must be init container settings",
  ],
];

describe('methods of the constructs', () => {
  test.each(cases)('refuse %s', (_what, call, message) => {
    expect(() => call(apps())).toThrow(message);
  });

  test('a second construct with the same id gets the standard message', () => {
    const { chart } = apps();
    expect(() => new WebApp(chart, 'web', { image: IMAGE, name: 'web-2' })).toThrow(
      "WebApp 'test/web': id must be unique among the children of 'test' (a WebApp has it), got 'web'",
    );
  });

  test('a construct outside any chart, or with no props, gets the standard message', () => {
    expect(() => new WebApp(undefined as never, 'web', { image: IMAGE })).toThrow(
      'WebApp: scope must be a construct: a Chart, or a construct inside one, got undefined',
    );
    expect(() => new WebApp(testChart(), 'web', undefined as never)).toThrow(
      /^WebApp 'test\/web': props must be WebApp props \(image, command, .*\), got undefined$/,
    );
  });
});

describe('the synthesis runtime', () => {
  test('refuses options of the wrong type in one line', () => {
    expect(() => synthAtomically('app' as never, { outdir: 'dist' })).toThrow(
      "synthAtomically: createApp must be a function, got 'app'",
    );
    expect(() => synthAtomically(() => undefined as never, { outdir: 42 as never })).toThrow(
      'synthAtomically: options.outdir must be a string, got 42',
    );
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      runSynth(() => undefined, { outdir: ['dist'] as never });
    } finally {
      console.error = original;
      process.exitCode = 0;
    }
    expect(errors).toEqual(['error: runSynth: options.outdir must be a string, got ["dist"]']);
  });
});
