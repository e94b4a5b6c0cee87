import { Size } from 'cdk8s';
import { AccessMode, Probe, StatefulApp, StatefulAppProps } from '../src';
import { only, podSpecOf, synth, testChart } from './support/synth';

function statefulApp(props: Partial<StatefulAppProps> = {}) {
  const chart = testChart();
  const app = new StatefulApp(chart, 'db', {
    image: 'postgres:16.4-alpine',
    ports: [{ name: 'postgres', containerPort: 5432 }],
    readiness: Probe.exec(['pg_isready']),
    liveness: Probe.tcp(),
    volumeClaims: { data: { storage: Size.gibibytes(1) } },
    volumeMounts: [{ volume: 'data', path: '/var/lib/postgresql/data' }],
    ...props,
  });
  return { chart, app, manifests: () => synth(chart) };
}

describe('StatefulApp', () => {
  test('defaults synthesize a StatefulSet, a ClusterIP and a headless Service, a ServiceAccount and a NetworkPolicy', () => {
    const all = statefulApp().manifests();
    expect(all.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
      'NetworkPolicy/db',
      'Service/db',
      'Service/db-headless',
      'ServiceAccount/db',
      'StatefulSet/db',
    ]);
    expect(all).toMatchSnapshot();
  });

  test('keeps data on a claim per pod that outlives the pod', () => {
    const set = only(statefulApp().manifests(), 'StatefulSet');
    expect(set.spec.volumeClaimTemplates).toEqual([
      {
        metadata: {
          name: 'data',
          labels: expect.objectContaining({ 'app.kubernetes.io/name': 'db' }),
        },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } },
      },
    ]);
    expect(set.spec.persistentVolumeClaimRetentionPolicy).toEqual({
      whenDeleted: 'Retain',
      whenScaled: 'Retain',
    });
    expect(podSpecOf(set).containers[0].volumeMounts).toEqual([
      { name: 'data', mountPath: '/var/lib/postgresql/data' },
    ]);
    expect(podSpecOf(set).volumes).toBeUndefined();
  });

  test('takes a storage class and access mode', () => {
    const set = only(
      statefulApp({
        volumeClaims: {
          data: {
            storage: Size.gibibytes(5),
            storageClassName: 'fast-ssd',
            accessMode: AccessMode.READ_WRITE_ONCE_POD,
          },
        },
      }).manifests(),
      'StatefulSet',
    );
    expect(set.spec.volumeClaimTemplates[0].spec).toEqual({
      accessModes: ['ReadWriteOncePod'],
      storageClassName: 'fast-ssd',
      resources: { requests: { storage: '5120Mi' } },
    });
  });

  test('is governed by the headless Service, which publishes pods before they are ready', () => {
    const all = statefulApp().manifests();
    expect(only(all, 'StatefulSet').spec.serviceName).toBe('db-headless');
    expect(only(all, 'Service', 'db-headless').spec).toMatchObject({
      clusterIP: 'None',
      publishNotReadyAddresses: true,
    });
    expect(only(all, 'Service', 'db').spec.type).toBe('ClusterIP');
  });

  test('writes a PodDisruptionBudget and no more when replicated', () => {
    expect(
      statefulApp()
        .manifests()
        .some((m) => m.kind === 'PodDisruptionBudget'),
    ).toBe(false);
    expect(
      only(statefulApp({ replicas: 3 }).manifests(), 'PodDisruptionBudget').spec.maxUnavailable,
    ).toBe(1);
  });

  test('probes readiness with a command and liveness over TCP', () => {
    const container = podSpecOf(only(statefulApp().manifests(), 'StatefulSet')).containers[0];
    expect(container.readinessProbe.exec).toEqual({ command: ['pg_isready'] });
    expect(container.livenessProbe.tcpSocket).toEqual({ port: 'postgres' });
  });

  test('fails if a mount names neither a volume nor a claim', () => {
    expect(() => statefulApp({ volumeMounts: [{ volume: 'logs', path: '/logs' }] })).toThrow(
      "StatefulApp 'test/db': volumeMounts[0].volume must be a volume declared in volumes ('data'), got 'logs'",
    );
  });

  test('fails if replicas is out of range', () => {
    expect(() => statefulApp({ replicas: 0 })).toThrow(
      "StatefulApp 'test/db': replicas must be an integer from 1 to 100, got 0",
    );
  });

  test('fails if a claim name is not a DNS-1123 label', () => {
    expect(() =>
      statefulApp({ volumeClaims: { Data: { storage: Size.gibibytes(1) } }, volumeMounts: [] }),
    ).toThrow("StatefulApp 'test/db': volumeClaims.Data must be a DNS-1123 label");
  });

  test('fails if there is no port', () => {
    expect(() => statefulApp({ ports: [] })).toThrow(
      "StatefulApp 'test/db': ports must be at least one port, got []",
    );
  });
});
