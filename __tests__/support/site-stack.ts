import { ExampleDatabase, startExampleDatabase } from './example-db';
import { Nginx, startNginx } from './nginx';
import { PostgrestStandIn, startPostgrestStandIn } from './postgrest-stand-in';
import { stopAll } from './processes';

/** The page's side of the example, running: PostgreSQL, PostgREST's stand-in over it, nginx. */
export interface SiteStack {
  readonly db: ExampleDatabase;
  readonly api: PostgrestStandIn;
  readonly nginx: Nginx;
  /** Stops all three, nginx first. */
  readonly stop: () => Promise<void>;
}

/**
 * Starts the example's database (migrated), the PostgREST stand-in with the API's settings, and
 * nginx serving the site as `release`, proxying `/api/` to the stand-in.
 */
export async function startSiteStack(release: 'blue' | 'green'): Promise<SiteStack> {
  const started: (() => Promise<unknown>)[] = [];
  try {
    const db = await startExampleDatabase();
    started.unshift(() => db.pg.stop());
    const api = await startPostgrestStandIn({
      dbUri: `@${db.dbUriFile}`,
      dbSchema: 'api',
      dbAnonRole: 'web_anon',
    });
    started.unshift(() => api.stop());
    const nginx = await startNginx({
      RELEASE: release,
      API_URL: api.url,
      NGINX_LOCAL_RESOLVERS: '127.0.0.1',
    });
    started.unshift(() => nginx.stop());
    return { db, api, nginx, stop: () => stopAll(started) };
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}
