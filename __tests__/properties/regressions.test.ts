// Counterexamples the property tests found, shrunk, one test per bug.
import { Chart, Duration, Size, Testing } from 'cdk8s';
import {
  BlueGreenWebApp,
  Color,
  Job,
  Probe,
  ServiceType,
  StatefulApp,
  StatefulAppProps,
  WebApp,
} from '../../src';
import { podSpecOf } from '../support/synth';
import { apiServerProblems, chart, gateFindings } from './support';

const IMAGE = 'aa:1.0.0';
const STATEFUL: StatefulAppProps = {
  image: IMAGE,
  ports: [{ name: 'aa', containerPort: 1 }],
  readiness: Probe.exec(['true']),
  liveness: Probe.tcp(),
};

describe('regressions found by the property tests', () => {
  test('a StatefulApp with 2 replicas spreads them across nodes (gate: replica-spread)', () => {
    const c = chart();
    new StatefulApp(c, 'aa', { ...STATEFUL, replicas: 2 });
    const docs = Testing.synth(c);
    expect(gateFindings(docs)).toEqual([]);
    const statefulSet = docs.find((d) => d.kind === 'StatefulSet');
    expect(podSpecOf(statefulSet).affinity.podAntiAffinity).toBeDefined();
  });

  test('an autoscaler with maxReplicas 1 still gets a PodDisruptionBudget and spreading', () => {
    const c = chart();
    new WebApp(c, 'aaa', { image: IMAGE, autoscaling: { minReplicas: 1, maxReplicas: 1 } });
    const docs = Testing.synth(c);
    expect(gateFindings(docs)).toEqual([]);
    expect(docs.map((d) => d.kind)).toContain('PodDisruptionBudget');
  });

  test.each([
    ['WebApp', () => new WebApp(chart(), '4a', { image: IMAGE })],
    ['StatefulApp', () => new StatefulApp(chart(), '4a', STATEFUL)],
    [
      'BlueGreenWebApp',
      () =>
        new BlueGreenWebApp(chart(), '4a', {
          blue: { image: IMAGE },
          green: { image: IMAGE },
          active: Color.BLUE,
        }),
    ],
  ])('fails if a %s name, which names a Service, starts with a digit', (kind, build) => {
    expect(build).toThrow(
      new RegExp(`^${kind} 'test/4a': name must be a DNS-1035 label .* got '4a'$`),
    );
  });

  test.each(['a--a', '63'])('fails if a port name is no IANA service name: %s', (name) => {
    expect(
      () => new WebApp(chart(), 'aaa', { image: IMAGE, ports: [{ name, containerPort: 1 }] }),
    ).toThrow(`WebApp 'test/aaa': ports[0].name must be an IANA service name`);
    expect(
      () =>
        new Job(chart(), 'aa', {
          image: IMAGE,
          sidecars: [{ name: 'am', image: IMAGE, ports: [{ name, containerPort: 1 }] }],
        }),
    ).toThrow(`Job 'test/aa': sidecars[0].ports[0].name must be an IANA service name`);
  });

  test('fails if a StatefulApp name leaves no room for the controller-revision-hash label', () => {
    const name = 'a'.repeat(53);
    expect(() => new StatefulApp(chart(), name, STATEFUL)).toThrow(
      `StatefulApp 'test/${name}': name must be a DNS-1035 label of at most 52 characters`,
    );
  });

  test('fails if two writable paths would share an emptyDir name', () => {
    const build = () =>
      new BlueGreenWebApp(chart(), 'aa', {
        writablePaths: ['/-f'],
        initContainers: [{ name: 'init', image: IMAGE, writablePaths: ['/f'] }],
        blue: { image: IMAGE },
        green: { image: IMAGE },
        active: Color.BLUE,
      });
    expect(build).toThrow(
      "WebApp 'test/aa/blue': initContainers[0].writablePaths must be a path whose emptyDir name 'writable-f' is not taken ('/-f' has it), got '/f'",
    );
    const c = chart();
    new Job(c, 'aa', { image: IMAGE, writablePaths: ['/tmp'], sidecars: [] });
    expect(apiServerProblems(Testing.synth(c))).toEqual([]);
  });

  test('fails with the standard message if a probe time is no whole number of seconds', () => {
    expect(
      () =>
        new WebApp(chart(), 'aa', {
          image: IMAGE,
          readiness: Probe.tcp({ initialDelay: Duration.millis(1500) }),
          liveness: Probe.exec(['true']),
        }),
    ).toThrow(
      "WebApp 'test/aa': readiness.initialDelay must be a whole number of seconds from 0 seconds to 1 hour, got '1.5 seconds'",
    );
  });

  test('fails with the standard message if memory or storage is no whole number of MiB', () => {
    expect(
      () =>
        new Job(chart(), 'aa', {
          image: IMAGE,
          resources: { memory: { request: Size.kibibytes(1), limit: Size.gibibytes(4) } },
        }),
    ).toThrow(
      "Job 'test/aa': resources.memory.request must be a whole number of mebibytes from 1 to 2^53 - 1, got '0.0009765625Mi'",
    );
    expect(
      () =>
        new StatefulApp(chart(), 'aa', {
          ...STATEFUL,
          volumeClaims: { data: { storage: Size.kibibytes(1536) } },
        }),
    ).toThrow("StatefulApp 'test/aa': volumeClaims.data.storage (MiB) must be an integer");
  });

  test('fails if a disruption budget is invalid, even for a single pod', () => {
    expect(
      () =>
        new WebApp(chart(), 'aa', {
          image: IMAGE,
          replicas: 1,
          serviceType: ServiceType.NODE_PORT,
          disruptionBudget: { maxUnavailable: 0 },
        }),
    ).toThrow(
      "WebApp 'test/aa': disruptionBudget.maxUnavailable must be an integer from 1 to 1000, got 0",
    );
    expect(
      () => new StatefulApp(chart(), 'aa', { ...STATEFUL, disruptionBudget: { minAvailable: 1 } }),
    ).toThrow(
      "StatefulApp 'test/aa': disruptionBudget.minAvailable must be an integer from 0 to 0",
    );
  });

  test('fails if a BlueGreenWebApp or a headless Service takes the name of another workload', () => {
    const c = chart();
    new WebApp(c, 'app-0', { name: 'db-blue', image: IMAGE });
    expect(
      () =>
        new BlueGreenWebApp(c, 'app-1', {
          name: 'db-blue',
          blue: { image: IMAGE },
          green: { image: IMAGE },
          active: Color.BLUE,
        }),
    ).toThrow(
      "BlueGreenWebApp 'test/app-1': name must be unique among the workloads of the chart ('test/app-0' has it), got 'db-blue'",
    );
    new WebApp(c, 'app-2', { name: 'api-headless', image: IMAGE });
    expect(() => new StatefulApp(c, 'app-3', { ...STATEFUL, name: 'api' })).toThrow(
      "StatefulApp 'test/app-3': name (with -headless, its headless Service) must be unique among the workloads of the chart ('test/app-2' has it), got 'api-headless'",
    );
  });

  test("fails if the chart's namespace is no DNS-1123 label", () => {
    const bad = new Chart(Testing.app(), 'db', { namespace: 'Stock_Trader' });
    expect(() => new StatefulApp(bad, 'db', STATEFUL)).toThrow(
      "StatefulApp 'db/db': namespace (of the chart) must be a DNS-1123 label of at most 63 characters",
    );
  });
});
