import { App } from 'cdk8s';
import { BatchChart } from './batch-chart';
import { DatabaseChart } from './database-chart';
import { EnvironmentConfig } from './environments';
import { NamespaceChart } from './namespace-chart';
import { WebChart } from './web-chart';

/**
 * The whole stock-trading app for one environment, as one chart per file in `dist/`: the
 * Namespace first, then the database, then what depends on it.
 */
export function buildStockTrader(app: App, env: EnvironmentConfig): void {
  const namespace = new NamespaceChart(app, 'namespace', env.namespace);
  const database = new DatabaseChart(app, 'database', env);
  database.addDependency(namespace);
  const web = new WebChart(app, 'web', env, database.db);
  web.addDependency(database);
  const batch = new BatchChart(app, 'batch', env, database.db);
  batch.addDependency(database);
}
