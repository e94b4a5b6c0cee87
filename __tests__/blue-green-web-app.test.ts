import {
  BlueGreenWebApp,
  BlueGreenWebAppProps,
  Color,
  EnvValue,
  Probe,
  ServiceType,
  StatefulApp,
} from '../src';
import { only, podSpecOf, synth, testChart } from './support/synth';

const BLUE = 'nginxinc/nginx-unprivileged:1.27.2-alpine';
const GREEN = 'nginxinc/nginx-unprivileged:1.27.3-alpine';

function blueGreen(props: Partial<BlueGreenWebAppProps> = {}) {
  const chart = testChart();
  const app = new BlueGreenWebApp(chart, 'web', {
    blue: { image: BLUE },
    green: { image: GREEN },
    active: Color.BLUE,
    ...props,
  });
  return { chart, app, manifests: () => synth(chart) };
}

describe('BlueGreenWebApp', () => {
  test('defaults synthesize two full releases and a live Service', () => {
    const all = blueGreen().manifests();
    expect(all.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(
      expect.arrayContaining([
        'Deployment/web-blue',
        'Deployment/web-green',
        'Service/web-blue',
        'Service/web-green',
        'Service/web',
      ]),
    );
    expect(all).toMatchSnapshot();
  });

  test('runs each release with its own image and change cause', () => {
    const all = blueGreen({
      blue: { image: BLUE, changeCause: 'v1' },
      green: { image: GREEN, changeCause: 'v2' },
    }).manifests();
    for (const [name, image, cause] of [
      ['web-blue', BLUE, 'v1'],
      ['web-green', GREEN, 'v2'],
    ]) {
      const deployment = only(all, 'Deployment', name);
      expect(podSpecOf(deployment).containers[0].image).toBe(image);
      expect(deployment.metadata.annotations['kubernetes.io/change-cause']).toBe(cause);
    }
  });

  test.each([Color.BLUE, Color.GREEN])(
    'sends the live traffic to the %s release only',
    (active) => {
      const all = blueGreen({ active, ingress: { hosts: ['shop.example.com'] } }).manifests();
      expect(only(all, 'Service', 'web').spec.selector).toEqual({
        'app.kubernetes.io/name': `web-${active}`,
        'app.kubernetes.io/component': 'web',
      });
      expect(only(all, 'Ingress').spec.rules[0].http.paths[0].backend.service.name).toBe('web');
    },
  );

  test('keeps the releases’ own Services internal, whatever the live Service type', () => {
    const all = blueGreen({
      serviceType: ServiceType.NODE_PORT,
      ports: [{ name: 'http', containerPort: 8080, nodePort: 30080 }],
    }).manifests();
    expect(only(all, 'Service', 'web').spec).toMatchObject({
      type: 'NodePort',
      ports: [{ nodePort: 30080 }],
    });
    for (const name of ['web-blue', 'web-green']) {
      expect(only(all, 'Service', name).spec.type).toBe('ClusterIP');
      expect(only(all, 'Service', name).spec.ports[0].nodePort).toBeUndefined();
    }
  });

  test('lets the ingress controller reach both releases, so a switch needs no policy change', () => {
    const all = blueGreen({ ingress: { hosts: ['shop.example.com'] } }).manifests();
    for (const name of ['web-blue', 'web-green']) {
      expect(
        only(all, 'NetworkPolicy', name).spec.ingress[0].from[0].namespaceSelector.matchLabels,
      ).toEqual({
        'kubernetes.io/metadata.name': 'ingress-nginx',
      });
    }
  });

  test('adds release env to the shared env', () => {
    const all = blueGreen({
      env: { MODE: EnvValue.fromValue('live') },
      green: { image: GREEN, env: { FEATURE: EnvValue.fromValue('on') } },
    }).manifests();
    expect(podSpecOf(only(all, 'Deployment', 'web-blue')).containers[0].env).toEqual([
      { name: 'MODE', value: 'live' },
    ]);
    expect(podSpecOf(only(all, 'Deployment', 'web-green')).containers[0].env).toEqual([
      { name: 'MODE', value: 'live' },
      { name: 'FEATURE', value: 'on' },
    ]);
  });

  test('connectTo opens the target to both releases', () => {
    const { chart, app } = blueGreen();
    const db = new StatefulApp(chart, 'db', {
      image: 'postgres:16.4-alpine',
      ports: [{ name: 'postgres', containerPort: 5432 }],
      readiness: Probe.exec(['pg_isready']),
      liveness: Probe.tcp(),
    });
    app.connectTo(db);
    const sources = only(synth(chart), 'NetworkPolicy', 'db').spec.ingress.map(
      (rule: { from: { podSelector: { matchLabels: Record<string, string> } }[] }) =>
        rule.from[0].podSelector.matchLabels['app.kubernetes.io/name'],
    );
    expect(sources).toEqual(['web-blue', 'web-green']);
  });

  test('fails if active names no color', () => {
    expect(() => blueGreen({ active: 'red' as Color })).toThrow(
      "BlueGreenWebApp 'test/web': active must be one of 'blue', 'green', got 'red'",
    );
  });

  test('fails if the name leaves no room for the color suffix', () => {
    expect(() => blueGreen({ name: 'a'.repeat(58) })).toThrow(
      `BlueGreenWebApp 'test/web': name must be a DNS-1035 label of at most 57 characters`,
    );
  });

  test('fails if a release’s image is untagged, naming that release', () => {
    expect(() => blueGreen({ green: { image: 'nginx' } })).toThrow(
      "WebApp 'test/web/green': image must be an image reference pinned by a tag",
    );
  });
});
