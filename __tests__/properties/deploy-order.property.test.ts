import { ApiObject, App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import fc from 'fast-check';
import * as k8s from '../../imports/k8s';
import { DeployGraph } from '../../runtime';
import { writeManifests } from '../../runtime/synth-writer';
import { planDeploy } from '../../tools/deploy/plan';
import { loadObjects } from '../../tools/manifests';
import { tempDir } from '../support/files';
import * as arb from './arbitraries';
import { CONSTRUCTS, Kind, VALID_PROPS } from './support';

const SERVERS: readonly Kind[] = ['WebApp', 'BlueGreenWebApp', 'StatefulApp'];

/** A random app: workloads in a few charts of one namespace, connections and chart dependencies that point back. */
const randomApp = fc
  .record({
    workloads: fc.array(
      fc.constantFrom(...(Object.keys(VALID_PROPS) as Kind[])).chain((kind) =>
        fc.record({
          kind: fc.constant(kind),
          props: VALID_PROPS[kind] as fc.Arbitrary<unknown>,
          chart: fc.nat(2),
        }),
      ),
      { minLength: 1, maxLength: 6 },
    ),
    connections: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
    chartDependencies: fc.array(fc.tuple(fc.nat(2), fc.nat(2)), { maxLength: 3 }),
  })
  .map(({ workloads, connections, chartDependencies }) => ({
    workloads,
    // Client after server: a later workload connects to an earlier one that serves.
    connections: connections
      .map(([a, b]) => [a % workloads.length, b % workloads.length] as const)
      .filter(([client, server]) => server < client && SERVERS.includes(workloads[server].kind)),
    chartDependencies: chartDependencies.filter(([a, b]) => b < a),
  }));

type RandomApp = typeof randomApp extends fc.Arbitrary<infer T> ? T : never;

/** Builds the app; returns it with the construct-level edges it declared. */
function build(spec: RandomApp) {
  const app = new App({ outdir: tempDir() });
  const namespace = new Chart(app, 'namespace');
  new k8s.KubeNamespace(namespace, 'ns', { metadata: { name: 'shop' } });
  const charts = [0, 1, 2].map(
    (i) => new Chart(app, `chart-${i}`, { namespace: 'shop', disableResourceNameHashes: true }),
  );
  const workloads = spec.workloads.map((w, i) => {
    const build = CONSTRUCTS[w.kind].build as (s: Chart, id: string, p: unknown) => IConstruct;
    return build(charts[w.chart], `w${i}`, w.props);
  });
  const edges: { dependent: IConstruct; dependency: IConstruct; pods: boolean }[] = [];
  for (const [client, server] of spec.connections) {
    (workloads[client] as unknown as { connectTo(t: unknown): void }).connectTo(workloads[server]);
    edges.push({ dependent: workloads[client], dependency: workloads[server], pods: true });
  }
  for (const [a, b] of spec.chartDependencies) {
    charts[a].addDependency(charts[b]);
    edges.push({ dependent: charts[a], dependency: charts[b], pods: false });
  }
  return { app, edges };
}

const RUN_PODS = new Set(['Deployment', 'StatefulSet', 'Job', 'CronJob']);
const objectsUnder = (c: IConstruct) =>
  c.node.findAll().filter((x): x is ApiObject => x instanceof ApiObject);
const id = (o: { kind: string; name?: string; metadata?: { name?: string } }) =>
  `${o.kind}/${o.name ?? o.metadata?.name}`;

describe('the deploy order of any app', () => {
  test(
    'puts every object after everything it depends on, and the plan read back from the manifests agrees',
    () => {
      fc.assert(
        fc.property(randomApp, (spec) => {
          const { app, edges } = build(spec);
          const graph = DeployGraph.of(app);
          const step = (o: ApiObject) => graph.stepOf(o);
          // A client's pods come after its server; a chart's objects after those of its dependency.
          for (const { dependent, dependency, pods } of edges) {
            const dependents = objectsUnder(dependent).filter((o) => !pods || RUN_PODS.has(o.kind));
            for (const later of dependents) {
              for (const earlier of objectsUnder(dependency)) {
                if (later !== earlier && !(step(later) > step(earlier))) {
                  throw new Error(
                    `${later.node.path} (step ${step(later)}) is not after ${earlier.node.path} (step ${step(earlier)})`,
                  );
                }
              }
            }
          }
          const namespace = app.node
            .findAll()
            .find((c): c is ApiObject => c instanceof k8s.KubeNamespace)!;
          for (const object of objectsUnder(app)) {
            if (object !== namespace) expect(step(object)).toBeGreaterThan(step(namespace));
          }
          writeManifests(app);
          const plan = planDeploy(loadObjects(app.outdir), {
            environment: 'test',
            timeoutSeconds: 60,
          });
          const fromManifests = plan.steps.map((s) => s.objects.map(id).sort());
          const fromApp = graph.steps.map((s) => s.map(id).sort());
          expect(fromManifests).toEqual(fromApp);
        }),
        arb.params(30),
      );
    },
    arb.TIMEOUT,
  );
});
