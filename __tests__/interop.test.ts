import { Chart, Cron, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as k8s from '../imports/k8s';
import * as webapp from '../src';
import { Manifest } from './support/synth';

const IMAGE = 'nginxinc/nginx-unprivileged:1.27.2-alpine';

function chart(): Chart {
  return new Chart(Testing.app(), 'team', { namespace: 'team', disableResourceNameHashes: true });
}

/** The NetworkPolicies of a chart that select pods with these labels. */
function policiesSelecting(c: Chart, labels: Record<string, string>): Manifest[] {
  return Testing.synth(c).filter(
    (m) =>
      m.kind === 'NetworkPolicy' &&
      Object.entries(labels).every(([k, v]) => m.spec.podSelector.matchLabels?.[k] === v),
  );
}

const WEB = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/component': 'web' };

describe('cdk8s-plus interop', () => {
  test('a cdk8s-plus Deployment may reach a WebApp: its own egress and an ingress policy on the WebApp’s pods', () => {
    const c = chart();
    const web = new webapp.WebApp(c, 'web', { image: IMAGE });
    const api = new kplus.Deployment(c, 'api', {
      containers: [{ image: 'ghcr.io/acme/api:1.0.0' }],
    });
    api.connections.allowTo(web);
    const admitting = policiesSelecting(c, WEB).filter((p) => p.metadata.name !== 'web');
    expect(admitting).toHaveLength(1);
    expect(admitting[0].spec.ingress[0].from[0].podSelector.matchLabels).toEqual({
      'cdk8s.io/metadata.addr':
        api.metadata.getLabel('cdk8s.io/metadata.addr') ?? expect.any(String),
    });
  });

  test('a cdk8s-plus Deployment may be reached from a WebApp: egress from ours, ingress on its pods', () => {
    const c = chart();
    const web = new webapp.WebApp(c, 'web', { image: IMAGE });
    const api = new kplus.Deployment(c, 'api', {
      containers: [{ image: 'ghcr.io/acme/api:1.0.0', portNumber: 3000 }],
    });
    web.connectTo(api, [{ port: 3000 }]);
    const ours = policiesSelecting(c, WEB).find((p) => p.metadata.name === 'web');
    expect(ours.spec.egress).toContainEqual({
      to: [
        {
          podSelector: { matchLabels: { 'cdk8s.io/metadata.addr': expect.any(String) } },
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'team' } },
        },
      ],
      ports: [{ port: 3000, protocol: 'TCP' }],
    });
    const theirs = Testing.synth(c).filter(
      (m) =>
        m.kind === 'NetworkPolicy' && m.spec.podSelector.matchLabels?.['cdk8s.io/metadata.addr'],
    );
    expect(theirs.map((p) => p.spec.ingress[0].from[0].podSelector.matchLabels)).toContainEqual(
      WEB,
    );
  });

  test('allowFrom and allowTo take Pods.select, Namespaces.select and IP blocks of cdk8s-plus', () => {
    const c = chart();
    const web = new webapp.WebApp(c, 'web', { image: IMAGE });
    web.allowFrom(kplus.Pods.select(c, 'monitoring', { labels: { app: 'prometheus' } }));
    web.allowFrom(kplus.Namespaces.select(c, 'ops', { names: ['ops'] }));
    web.allowTo(kplus.NetworkPolicyIpBlock.ipv4(c, 'partner', '203.0.113.0/24'), [{ port: 443 }]);
    const ours = policiesSelecting(c, WEB).find((p) => p.metadata.name === 'web');
    expect(ours.spec.ingress.map((r: Manifest) => r.from)).toEqual([
      [{ podSelector: { matchLabels: { app: 'prometheus' } } }],
      [
        {
          podSelector: {},
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } },
        },
      ],
    ]);
    expect(ours.spec.egress[1]).toEqual({
      to: [{ ipBlock: { cidr: '203.0.113.0/24' } }],
      ports: [{ port: 443, protocol: 'TCP' }],
    });
  });

  test('a BlueGreenWebApp is a connectTo target (both releases) and a cdk8s-plus peer (both releases)', () => {
    const c = chart();
    const pair = new webapp.BlueGreenWebApp(c, 'shop', {
      blue: { image: 'nginxinc/nginx-unprivileged:1.27.2-alpine' },
      green: { image: 'nginxinc/nginx-unprivileged:1.27.3-alpine' },
      active: webapp.Color.BLUE,
    });
    const report = new webapp.CronJob(c, 'report', { image: 'busybox:1.36.1', schedule: '@daily' });
    report.connectTo(pair);
    for (const release of ['shop-blue', 'shop-green']) {
      const [policy] = policiesSelecting(c, { 'app.kubernetes.io/name': release });
      expect(policy.spec.ingress).toContainEqual({
        from: [{ podSelector: { matchLabels: report.selector } }],
        ports: [{ port: 8080, protocol: 'TCP' }],
      });
    }
    expect(pair.toPodSelectorConfig().labelSelector).toEqual(expect.any(kplus.LabelSelector));
    const api = new kplus.Deployment(c, 'api', {
      containers: [{ image: 'ghcr.io/acme/api:1.0.0' }],
    });
    api.connections.allowTo(pair);
    const egress = Testing.synth(c).find(
      (m) =>
        m.kind === 'NetworkPolicy' && m.spec.egress?.[0]?.to?.[0]?.podSelector?.matchExpressions,
    );
    expect(egress.spec.egress[0].to[0].podSelector).toEqual({
      matchExpressions: [
        { key: 'app.kubernetes.io/name', operator: 'In', values: ['shop-blue', 'shop-green'] },
      ],
      matchLabels: { 'app.kubernetes.io/component': 'web' },
    });
  });

  test('public attributes are read-only in value: changing them throws and the manifests stay', () => {
    const c = chart();
    const web = new webapp.WebApp(c, 'web', { image: IMAGE });
    expect(() => {
      (web.labels as Record<string, string>)['app.kubernetes.io/name'] = 'other';
    }).toThrow(TypeError);
    expect(() => {
      (web.selector as Record<string, string>).extra = 'x';
    }).toThrow(TypeError);
    expect(() => (web.ports as unknown as unknown[]).push({})).toThrow(TypeError);
    expect(() => {
      (web.servicePorts as Record<string, number>).http = 1;
    }).toThrow(TypeError);
    expect(Testing.synth(c).find((m) => m.kind === 'Service').spec.selector).toEqual(WEB);
  });

  test('volumes and env take cdk8s-plus and L1 ConfigMaps and Secrets, and the pods come after them', () => {
    const c = chart();
    const settings = new kplus.ConfigMap(c, 'settings', { data: { mode: 'shop' } });
    const credentials = new k8s.KubeSecret(c, 'credentials', { metadata: { name: 'credentials' } });
    const web = new webapp.WebApp(c, 'web', {
      image: IMAGE,
      volumes: { settings: webapp.Volume.fromConfigMap(settings) },
      volumeMounts: [{ volume: 'settings', path: '/etc/web', readOnly: true }],
      env: { TOKEN: webapp.EnvValue.fromSecret(credentials, 'token') },
    });
    const docs = Testing.synth(c);
    const pod = docs.find((m) => m.kind === 'Deployment').spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'settings', configMap: { name: settings.name } });
    expect(pod.containers[0].env).toContainEqual({
      name: 'TOKEN',
      valueFrom: { secretKeyRef: { name: 'credentials', key: 'token', optional: false } },
    });
    const order = docs.map((m) => m.kind);
    expect(order.indexOf('ConfigMap')).toBeLessThan(order.indexOf('Deployment'));
    expect(order.indexOf('Secret')).toBeLessThan(order.indexOf('Deployment'));
    expect(web.node.dependencies).toEqual(expect.arrayContaining([settings, credentials]));
    expect(() => webapp.Volume.fromConfigMap(credentials as never)).toThrow(
      'Volume.fromConfigMap: configMap must be a ConfigMap name, a cdk8s-plus ConfigMap, or a KubeConfigMap, got',
    );
  });

  test('a CronJob takes its schedule as cdk8s’ Cron, checked by the same rules', () => {
    const c = chart();
    new webapp.CronJob(c, 'daily', { image: 'busybox:1.36.1', schedule: Cron.daily() });
    expect(Testing.synth(c).find((m) => m.kind === 'CronJob').spec.schedule).toBe('0 0 * * *');
    expect(
      () =>
        new webapp.CronJob(chart(), 'bad', {
          image: 'busybox:1.36.1',
          schedule: Cron.schedule({ hour: '25', minute: '0' }),
        }),
    ).toThrow("CronJob 'team/bad': schedule field 2 (hour) must be 0-23, got '25' in '0 25 * * *'");
  });
});
