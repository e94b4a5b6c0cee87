import { App } from 'cdk8s';
import { DeployOrder } from '../src';
import { ApiChart } from './api-chart';
import { BatchChart } from './batch-chart';
import { DatabaseChart } from './database-chart';
import { EnvironmentConfig } from './environments';
import { NamespaceChart } from './namespace-chart';
import { readExampleParts } from './parts';
import { WebChart } from './web-chart';

/**
 * The whole stock-trading app for one environment, as one chart per file in `dist/`, the Namespace
 * first: the database, the batch work (whose migration creates the roles the API logs in as),
 * the API, then the web front end that proxies to it. The browser reaches the web pods, they
 * reach the API, and the API, the migration and the report reach the database.
 *
 * The deploy order follows from the connections (a client after its server is ready) and from
 * one "after": the API starts once the migration has completed. Every chart depends on the
 * Namespace's, so that `kubectl apply -f dist` creates the Namespace first.
 */
export function buildStockTrader(app: App, env: EnvironmentConfig): void {
  const parts = readExampleParts();
  const namespace = new NamespaceChart(app, 'namespace', env.namespace);
  const database = new DatabaseChart(app, 'database', env);
  const batch = new BatchChart(app, 'batch', env, database.db, parts);
  const api = new ApiChart(app, 'api', env, database.db);
  const web = new WebChart(app, 'web', env, api.api, parts);
  for (const chart of [database, batch, api, web]) chart.addDependency(namespace);
  DeployOrder.of(app).addAfter(api.api, batch.migrate);
}
