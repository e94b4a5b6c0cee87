import { Duration, Size } from 'cdk8s';
import { EnvValue, Probe, Volume } from '../src';
import { PropCheck } from '../src/validation/prop-check';

describe('EnvValue', () => {
  test('writes plain values, and only references for ConfigMaps, Secrets and pod fields', () => {
    expect(EnvValue.fromValue('info')._toKube('LEVEL')).toEqual({ name: 'LEVEL', value: 'info' });
    expect(EnvValue.fromConfigMap('cfg', 'level', true)._toKube('LEVEL')).toEqual({
      name: 'LEVEL',
      valueFrom: { configMapKeyRef: { name: 'cfg', key: 'level', optional: true } },
    });
    expect(EnvValue.fromSecret('db', 'password')._toKube('PGPASSWORD')).toEqual({
      name: 'PGPASSWORD',
      valueFrom: { secretKeyRef: { name: 'db', key: 'password', optional: false } },
    });
    expect(EnvValue.fromFieldRef('metadata.name')._toKube('POD')).toEqual({
      name: 'POD',
      valueFrom: { fieldRef: { fieldPath: 'metadata.name' } },
    });
  });

  test('knows which values are written in plain text', () => {
    expect(EnvValue.fromValue('x').isPlain).toBe(true);
    expect(EnvValue.fromSecret('s', 'k').isPlain).toBe(false);
  });
});

describe('Volume', () => {
  test('makes only the volume types Pod Security "restricted" allows', () => {
    expect(Volume.emptyDir()._toKube('tmp')).toEqual({ name: 'tmp', emptyDir: {} });
    expect(
      Volume.emptyDir({ inMemory: true, sizeLimit: Size.mebibytes(16) })._toKube('shm'),
    ).toEqual({
      name: 'shm',
      emptyDir: { medium: 'Memory', sizeLimit: expect.objectContaining({ value: '16Mi' }) },
    });
    expect(Volume.emptyDir({ sizeLimit: Size.kibibytes(100) })._toKube('small').emptyDir).toEqual({
      sizeLimit: expect.objectContaining({ value: '100Ki' }),
    });
    expect(Volume.fromConfigMap('site')._toKube('seed')).toEqual({
      name: 'seed',
      configMap: { name: 'site' },
    });
    expect(Volume.fromSecret('tls')._toKube('certs')).toEqual({
      name: 'certs',
      secret: { secretName: 'tls' },
    });
    expect(Volume.fromPersistentVolumeClaim('data', true)._toKube('data')).toEqual({
      name: 'data',
      persistentVolumeClaim: { claimName: 'data', readOnly: true },
    });
  });
});

describe('Probe', () => {
  const check = new PropCheck('WebApp', 'web');
  const ports = [
    { name: 'http', containerPort: 8080 },
    { name: 'postgres', containerPort: 5432 },
  ];
  const render = (probe: Probe) => probe._render(check, 'readiness', ports);

  test('renders HTTP, TCP and exec checks with Kubernetes’ own timing defaults', () => {
    expect(render(Probe.httpGet('/healthz'))).toEqual({
      httpGet: { path: '/healthz', port: expect.objectContaining({ value: 'http' }) },
      initialDelaySeconds: 0,
      periodSeconds: 10,
      timeoutSeconds: 1,
      failureThreshold: 3,
    });
    expect(render(Probe.tcp({ port: 5432 })).tcpSocket).toEqual({
      port: expect.objectContaining({ value: 5432 }),
    });
    expect(render(Probe.exec(['true'])).exec).toEqual({ command: ['true'] });
  });

  test('takes timing', () => {
    const probe = render(
      Probe.tcp({
        initialDelay: Duration.seconds(5),
        period: Duration.seconds(20),
        timeout: Duration.seconds(3),
        failureThreshold: 6,
      }),
    );
    expect(probe).toMatchObject({
      initialDelaySeconds: 5,
      periodSeconds: 20,
      timeoutSeconds: 3,
      failureThreshold: 6,
    });
  });
});
