import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../support/files';
import {
  LocalContainer,
  localContainer,
  readDist,
  removeLocalContainers,
} from '../support/local-container';
import { Nginx, entrypointVariables, startNginx } from '../support/nginx';
import { NxdomainDns, startNxdomainDns } from '../support/nxdomain-dns';
import { DB, Postgres, startPostgres } from '../support/postgres';
import { PostgrestStandIn, startPostgrestStandIn } from '../support/postgrest-stand-in';
import { isRoot, run, startServer, stopAll, waitFor } from '../support/processes';
import { PROGRAMS, describeWithPrograms } from '../support/real-programs';
import { Manifest, only } from '../support/synth';

const BUSYBOX = '/usr/bin/busybox';

/**
 * A PATH whose shell and tools are busybox's, as in the Alpine images (postgres:16.4-alpine,
 * busybox), before this machine's own (for psql); this machine's PATH when busybox is missing.
 */
function alpineLikePath(bin: string): string {
  if (!fs.existsSync(BUSYBOX)) {
    console.warn('busybox is not installed (sudo apt-get install -y busybox): ran with sh');
    return process.env.PATH ?? '';
  }
  fs.chmodSync(bin, 0o755);
  for (const tool of ['sh', 'cat', 'mktemp', 'rm', 'sed', 'sleep', 'id', 'test']) {
    fs.symlinkSync(BUSYBOX, path.join(bin, tool));
  }
  return `${bin}:${process.env.PATH ?? ''}`;
}

// The committed dist/ itself, run by the real programs: the containers' commands and
// environments as written there (only the database's address and the paths of mounted volumes
// changed to this machine's), the SQL and the page taken from its ConfigMaps. The tests share one
// database and run in order: the migration first, then what needs its schema.
describeWithPrograms(
  'dist/ run by the real PostgreSQL and nginx',
  [PROGRAMS.postgres, PROGRAMS.nginx],
  () => {
    const manifests = readDist();
    const workload = (kind: string, name: string) => only(manifests, kind, name);
    let pg: Postgres;
    /** The Secrets as `kubectl create secret ... --from-literal` would hold them. */
    let secrets: Record<string, Record<string, string>>;
    let api: PostgrestStandIn | undefined;
    const busyboxBin = tempDir('cdk8s-webapp-busybox-');
    const shellPath = alpineLikePath(busyboxBin);

    /** A container of dist/, pointed at the test's database instead of the Service `db`. */
    function container(object: Manifest, name = object.metadata.name): LocalContainer {
      const local = localContainer(manifests, object, name, secrets);
      expect(local.env.PGHOST).toBe(`db.${object.metadata.namespace}.svc.cluster.local`);
      return {
        ...local,
        env: { ...local.env, PGHOST: pg.host, PGPORT: String(pg.port), HOME: '/', PATH: shellPath },
      };
    }

    /** Runs a container of dist/ to completion, as its pod's user. */
    function runToEnd(local: LocalContainer) {
      const [command, ...args] = local.command;
      return run(command, args, {
        env: { PGPASSWORD: undefined, PGPASSFILE: undefined, ...local.env },
        user: local.user,
      });
    }

    beforeAll(async () => {
      pg = await startPostgres();
      const apiPassword = randomBytes(16).toString('hex');
      secrets = {
        'stock-db': { password: pg.ownerPassword },
        'stock-api': {
          password: apiPassword,
          'db-uri': `postgres://authenticator:${apiPassword}@${pg.host}:${pg.port}/${DB.name}`,
        },
      };
    }, 120_000);

    afterAll(
      () =>
        stopAll([
          () => api?.stop(),
          () => pg?.stop(),
          async () => removeLocalContainers(),
          async () => fs.rmSync(busyboxBin, { recursive: true, force: true }),
        ]),
      60_000,
    );

    test("runs each container as its pod's user, 10001:10001, which /etc/passwd does not name", async () => {
      const local = container(workload('Job', 'migrate'));
      expect(local.user).toBe('10001:10001');
      if (!isRoot()) return; // then every container runs as this process's own user
      const who = await run('sh', ['-c', 'id -u; id -g; getent passwd "$(id -u)" || echo none'], {
        user: local.user,
        env: local.env,
      });
      expect(who.stdout).toBe('10001\n10001\nnone\n');
    }, 60_000);

    test('the API waits in its init container until the migration Job has run, which succeeds', async () => {
      const wait = container(workload('Deployment', 'api'), 'wait-for-migration');
      const [command, ...args] = wait.command;
      const waiting = startServer(command, args, { env: wait.env, user: wait.user });
      try {
        await waitFor('the init container to say that it waits', () =>
          waiting.output().includes('waiting until authenticator can log in to trading')
            ? true
            : undefined,
        );
        expect(waiting.exited()).toBe(false);

        const migrate = await runToEnd(container(workload('Job', 'migrate')));
        expect(migrate.stderr).toBe('');
        expect(migrate.status).toBe(0);

        await waitFor('the init container to finish', () => (waiting.exited() ? true : undefined));
        expect(waiting.process.exitCode).toBe(0);
        expect(waiting.output()).toContain('authenticator logs in to trading');
      } finally {
        await waiting.stop('SIGKILL');
      }
    }, 60_000);

    test('the migration Job runs again without an error (delete the Job and apply)', async () => {
      const again = await runToEnd(container(workload('Job', 'migrate')));
      expect(again.stderr).toBe('');
      expect(again.status).toBe(0);
    }, 60_000);

    test("the nightly report CronJob's container prints the report", async () => {
      const report = await runToEnd(container(workload('CronJob', 'nightly-report')));
      expect(report.stderr).toBe('');
      expect(report.status).toBe(0);
      expect(report.stdout).toMatch(
        /^Trading report for the 24 hours to \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
      );
      for (const symbol of ['ACME', 'GLBX', 'INIT']) expect(report.stdout).toContain(` ${symbol} `);
    }, 60_000);

    test("PostgREST's settings log in as authenticator and serve the views as web_anon", async () => {
      const postgrest = localContainer(manifests, workload('Deployment', 'api'), 'api', secrets);
      // '@' and a file: PostgREST reads the connection string from that file, of the Secret.
      const file = postgrest.env.PGRST_DB_URI.replace(/^@/, '');
      expect(postgrest.env.PGRST_DB_URI).toBe(`@${file}`);
      api = await startPostgrestStandIn({
        dbUri: `@${postgrest.local(file)}`,
        dbSchema: postgrest.env.PGRST_DB_SCHEMAS,
        dbAnonRole: postgrest.env.PGRST_DB_ANON_ROLE,
      });
      const response = await fetch(`${api.url}/quotes?select=symbol&order=symbol`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual([
        { symbol: 'ACME' },
        { symbol: 'GLBX' },
        { symbol: 'INIT' },
      ]);
    }, 60_000);

    /** nginx with the template and page of dist/'s ConfigMaps and a release's environment. */
    function startWeb(release: string, resolvers: string, env: Record<string, string> = {}) {
      const deployment = workload('Deployment', release);
      const nginx = localContainer(manifests, deployment, release, secrets);
      const vars = entrypointVariables({ ...nginx.env, ...env }, resolvers);
      expect(Object.keys(vars).sort()).toEqual(['API_URL', 'NGINX_LOCAL_RESOLVERS', 'RELEASE']);
      return startNginx(vars, {
        template: only(manifests, 'ConfigMap', 'web-nginx-templates').data['default.conf.template'],
        page: only(manifests, 'ConfigMap', 'web-content').data,
      });
    }

    test('nginx of web-blue passes its probes, serves the page, and answers /api/ with 502 while the API name does not resolve', async () => {
      const dns: NxdomainDns = await startNxdomainDns();
      let nginx: Nginx | undefined;
      try {
        nginx = await startWeb('web-blue', dns.address);
        const server = workload('Deployment', 'web-blue').spec.template.spec.containers[0];
        for (const probe of [server.livenessProbe, server.readinessProbe]) {
          expect((await fetch(`${nginx.url}${probe.httpGet.path}`)).status).toBe(200);
        }
        const page = only(manifests, 'ConfigMap', 'web-content').data;
        for (const [file, text] of Object.entries<string>(page)) {
          expect(await (await fetch(`${nginx.url}/${file}`)).text()).toBe(text);
        }
        expect(await (await fetch(`${nginx.url}/whoami`)).json()).toMatchObject({
          release: 'blue',
        });
        expect((await fetch(`${nginx.url}/api/quotes`)).status).toBe(502);
        const apiUrl = new URL(server.env.find((e: Manifest) => e.name === 'API_URL').value);
        expect(nginx.errorLog()).toContain(`${apiUrl.hostname} could not be resolved`);
      } finally {
        await stopAll([() => nginx?.stop(), () => dns.stop()]);
      }
    }, 60_000);

    test('nginx of web-green proxies /api/ to the API (at a local address instead of the Service)', async () => {
      if (!api) throw new Error('the PostgREST stand-in did not start');
      let nginx: Nginx | undefined;
      try {
        nginx = await startWeb('web-green', '127.0.0.1', { API_URL: api.url });
        expect(await (await fetch(`${nginx.url}/whoami`)).json()).toMatchObject({
          release: 'green',
        });
        const response = await fetch(`${nginx.url}/api/quotes?select=symbol&order=symbol`);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual([
          { symbol: 'ACME' },
          { symbol: 'GLBX' },
          { symbol: 'INIT' },
        ]);
      } finally {
        await nginx?.stop();
      }
    }, 60_000);
  },
);
