import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { DeployGraph } from '../../runtime';
import { DeployOrder, Volume, WebApp } from '../../src';

const IMAGE = 'nginx:1.27.2';

/** An app of one namespace, a ConfigMap and two WebApps in a chart. */
function shop() {
  const app = Testing.app();
  const namespaces = new Chart(app, 'namespaces');
  const namespace = new k8s.KubeNamespace(namespaces, 'shop', { metadata: { name: 'shop' } });
  const chart = new Chart(app, 'shop', { namespace: 'shop', disableResourceNameHashes: true });
  const config = new k8s.KubeConfigMap(chart, 'settings', { metadata: { name: 'settings' } });
  const api = new WebApp(chart, 'api', { image: IMAGE });
  const web = new WebApp(chart, 'web', {
    image: IMAGE,
    volumes: { settings: Volume.fromConfigMap('settings') },
    volumeMounts: [{ volume: 'settings', path: '/etc/settings' }],
  });
  return { app, namespace, config, api, web };
}

const names = (objects: readonly ApiObject[]) => objects.map((o) => `${o.kind}/${o.name}`);

describe('DeployGraph', () => {
  test('orders the Namespace, then what pods read, then the pods, and a client after its server', () => {
    const { app, namespace, config, api, web } = shop();
    web.connectTo(api);
    const graph = DeployGraph.of(app);
    expect(graph.stepOf(namespace)).toBe(0);
    expect(graph.stepOf(config)).toBe(1);
    expect(graph.stepOf(web.deployment)).toBeGreaterThan(graph.stepOf(api.deployment));
    expect(graph.stepOf(web.deployment)).toBeGreaterThan(graph.stepOf(config));
    expect(names(graph.steps[0])).toEqual(['Namespace/shop']);
  });

  test('deploys two workloads that connect to each other in the same step', () => {
    const { app, api, web } = shop();
    web.connectTo(api);
    api.connectTo(web);
    const graph = DeployGraph.of(app);
    expect(graph.stepOf(web.deployment)).toBe(graph.stepOf(api.deployment));
  });

  test("takes part the consumer's own constructs, through DeployOrder and cdk8s' addDependency", () => {
    const { app, config, web } = shop();
    const extra = new Chart(app, 'extra', { namespace: 'shop' });
    const warehouse = new k8s.KubeConfigMap(extra, 'warehouse', {
      metadata: { name: 'warehouse' },
    });
    const report = new Construct(extra, 'report');
    const reportMap = new k8s.KubeConfigMap(report, 'map', { metadata: { name: 'report' } });
    DeployOrder.of(app).addAfter(report, web);
    warehouse.node.addDependency(config);
    const graph = DeployGraph.of(app);
    expect(graph.stepOf(reportMap)).toBeGreaterThan(graph.stepOf(web.deployment));
    expect(graph.stepOf(warehouse)).toBeGreaterThan(graph.stepOf(config));
  });

  test('writes sync waves and the fewest depends-on that imply the order, or only what is asked for', () => {
    const { app, web, api } = shop();
    web.connectTo(api);
    DeployGraph.of(app).annotate({ syncWaves: false });
    const objects = Testing.synth(Chart.of(web));
    const annotations = (kind: string, name: string) =>
      objects.find((o) => o.kind === kind && o.metadata.name === name).metadata.annotations;
    // web's pods come after api's (the step, after everything of api); its ServiceAccount need not wait.
    expect(annotations('Deployment', 'web')).toEqual({
      'config.kubernetes.io/depends-on': [
        '/namespaces/shop/ConfigMap/settings',
        '/namespaces/shop/ServiceAccount/web',
        'apps/namespaces/shop/Deployment/api',
      ].join(','),
    });
    expect(annotations('ServiceAccount', 'web')).toEqual({
      'config.kubernetes.io/depends-on': '/Namespace/shop',
    });
  });

  test.each([
    [() => DeployGraph.of({} as App), 'DeployGraph.of: app must be a cdk8s App, got {}'],
    [
      () => DeployGraph.of(Testing.app()).annotate({ syncWave: true } as never),
      "DeployGraph.annotate: options.syncWave must be left out: the deploy annotations have no 'syncWave' (did you mean 'syncWaves'?)",
    ],
    [
      () => DeployGraph.of(Testing.app()).stepOf('web' as never),
      "DeployGraph.stepOf: object must be an API object of the app, got 'web'",
    ],
    [
      () => DeployOrder.of(Testing.app()).addAfter('web' as never, new App()),
      "DeployOrder.addAfter: dependent must be a construct, got 'web'",
    ],
    [
      () => DeployOrder.of(new App()).addAfter(new Chart(new App(), 'a'), new App()),
      "DeployOrder.addAfter: dependent must be a construct of the app of this DeployOrder, got 'a'",
    ],
    [
      () => {
        const app = new App();
        DeployOrder.of(app).addAfter(new Chart(app, 'a'), new Chart(new App(), 'b'));
      },
      "DeployOrder.addAfter: dependency must be a construct of the same app as 'a', got 'b'",
    ],
  ])('refuses bad arguments in one line: %#', (call, message) => {
    expect(call).toThrow(message);
  });
});
