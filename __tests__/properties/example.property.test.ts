import { App, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import fc from 'fast-check';
import { EnvironmentConfig } from '../../app/environments';
import { buildStockTrader } from '../../app/stock-trader';
import { Color, ServiceType } from '../../src';
import * as arb from './arbitraries';
import { ERROR, apiServerProblems, gateFindings, thrown } from './support';

/** Every manifest of the example app for one environment, all charts together. */
function synthExample(env: EnvironmentConfig) {
  const app: App = Testing.app();
  buildStockTrader(app, env);
  return app.charts.flatMap((chart) => Testing.synth(chart));
}

type Web = EnvironmentConfig['web'];
const web = (env: EnvironmentConfig, change: Partial<Web>) => ({
  ...env,
  web: { ...env.web, ...change },
});

/** One bad value in an environment: the setting, the prop its construct names, the value shown. */
const invalidEnvironment = fc.tuple(arb.environment, fc.nat()).chain(([env, n]) =>
  fc.constantFrom(
    { env: web(env, { scaling: { replicas: 0 } }), prop: 'replicas', shown: '0' },
    {
      env: web(env, { serviceType: ServiceType.CLUSTER_IP, nodePort: 30000 + (n % 2768) }),
      prop: 'ports[0].nodePort',
      shown: String(30000 + (n % 2768)),
    },
    {
      env: web(env, { serviceType: ServiceType.NODE_PORT, nodePort: 80 }),
      prop: 'ports[0].nodePort',
      shown: '80',
    },
    { env: web(env, { host: 'Trade.Example.com' }), prop: 'ingress.hosts[0]', shown: "'Trade" },
    {
      env: web(env, { tlsSecretName: 'tls_secret' }),
      prop: 'ingress.tlsSecretName',
      shown: "'tls_",
    },
    { env: web(env, { active: 'red' as Color }), prop: 'active', shown: "'red'" },
    {
      env: web(env, { resources: { cpu: { request: Cpu.millis(500), limit: Cpu.millis(100) } } }),
      prop: 'resources.cpu.limit',
      shown: "'100m'",
    },
    {
      env: { ...env, database: { ...env.database, storage: Size.mebibytes(0) } },
      prop: 'volumeClaims.data.storage',
      shown: '0',
    },
    {
      env: { ...env, namespace: 'Stock_Trader' },
      prop: 'namespace (of the chart)',
      shown: "'Stock_Trader'",
    },
  ),
);

describe('the example app with any valid environment', () => {
  test(
    'synthesizes manifests that pass the gate and the API server, the same bytes each time',
    () => {
      fc.assert(
        fc.property(arb.environment, (env) => {
          const docs = synthExample(env);
          expect(gateFindings(docs)).toEqual([]);
          expect(apiServerProblems(docs)).toEqual([]);
          expect(JSON.stringify(synthExample(env))).toBe(JSON.stringify(docs)); // YAML is written from it
        }),
        arb.params(15),
      );
    },
    arb.TIMEOUT,
  );

  test(
    'refuses one bad setting with a message that names the construct, the prop and the value',
    () => {
      fc.assert(
        fc.property(invalidEnvironment, ({ env, prop, shown }) => {
          const error = thrown(() => synthExample(env));
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).toMatch(ERROR);
          expect((error as Error).message).toContain(`${prop} `);
          expect((error as Error).message).toContain(shown);
        }),
        arb.params(50),
      );
    },
    arb.TIMEOUT,
  );
});
