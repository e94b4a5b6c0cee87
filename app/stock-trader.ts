import { App } from 'cdk8s';
import { ApiChart } from './api-chart';
import { BatchChart } from './batch-chart';
import { DatabaseChart } from './database-chart';
import { EnvironmentConfig } from './environments';
import { NamespaceChart } from './namespace-chart';
import { readExampleParts } from './parts';
import { WebChart } from './web-chart';

/**
 * The whole stock-trading app for one environment, as one chart per file in `dist/`, each after
 * what it needs: the Namespace, the database, the batch work (whose migration creates the roles
 * the API logs in as), the API, then the web front end that proxies to it. The browser reaches
 * the web pods, they reach the API, and the API, the migration and the report reach the database.
 */
export function buildStockTrader(app: App, env: EnvironmentConfig): void {
  const parts = readExampleParts();
  const namespace = new NamespaceChart(app, 'namespace', env.namespace);
  const database = new DatabaseChart(app, 'database', env);
  database.addDependency(namespace);
  const batch = new BatchChart(app, 'batch', env, database.db, parts);
  batch.addDependency(database);
  const api = new ApiChart(app, 'api', env, database.db);
  api.addDependency(batch);
  const web = new WebChart(app, 'web', env, api.api, parts);
  web.addDependency(api);
}
