import * as fs from 'fs';
import * as path from 'path';
import { envsubst } from '../../app/site/envsubst';
import { ROOT, tempDir } from './files';
import { RunResult, Server, freePort, run, startServer, userIds, waitFor } from './processes';

/** The example's site folder: the page and the nginx template. */
export const SITE_DIR = path.join(ROOT, 'app', 'site');
/** The server-block template, as the nginx image finds it in /etc/nginx/templates. */
export const TEMPLATE = path.join(SITE_DIR, 'default.conf.template');
/** The files nginx serves (the ConfigMap's keys in the cluster). */
export const PAGE_FILES = ['index.html', 'app.js', 'style.css', 'favicon.svg'] as const;

/** The template's variables, which the image's entrypoint takes from the environment. */
export interface TemplateVars {
  readonly RELEASE: string;
  readonly API_URL: string;
  readonly NGINX_LOCAL_RESOLVERS: string;
}

/** What nginx serves: its server-block template and the page's files. */
export interface NginxSite {
  /** The text of `default.conf.template`. */
  readonly template: string;
  /** The page, by file name. */
  readonly page: Readonly<Record<string, string>>;
}

/** The site as committed in `app/site/`. */
export function committedSite(): NginxSite {
  return {
    template: fs.readFileSync(TEMPLATE, 'utf8'),
    page: Object.fromEntries(
      PAGE_FILES.map((file) => [file, fs.readFileSync(path.join(SITE_DIR, file), 'utf8')]),
    ),
  };
}

/**
 * The variables the nginx image's entrypoint substitutes into its templates, from a container's
 * environment: `15-local-resolvers.envsh` adds `NGINX_LOCAL_RESOLVERS` (the nameservers of
 * /etc/resolv.conf; here `resolvers`) when `NGINX_ENTRYPOINT_LOCAL_RESOLVERS` is set, then
 * `20-envsubst-on-templates.sh` takes every variable whose name matches `NGINX_ENVSUBST_FILTER`
 * (an awk regular expression; every variable when it is unset).
 */
export function entrypointVariables(
  env: Readonly<Record<string, string>>,
  resolvers: string,
): Record<string, string> {
  const all: Record<string, string> = { ...env };
  if (env.NGINX_ENTRYPOINT_LOCAL_RESOLVERS) all.NGINX_LOCAL_RESOLVERS = resolvers;
  const filter = new RegExp(env.NGINX_ENVSUBST_FILTER ?? '');
  return Object.fromEntries(Object.entries(all).filter(([name]) => filter.test(name)));
}

/** The unprivileged user nginx runs as when the tests run as root. */
const NGINX_USER = 'nobody';
const PRODUCTION_LISTEN = 'listen 8080;';
const PRODUCTION_ROOT = 'root /usr/share/nginx/html;';

/**
 * The server block for a test: the template rendered as the image renders it, then only the two
 * machine-specific lines changed, the port (a free one on 127.0.0.1) and the site folder.
 */
export function renderForTest(
  vars: TemplateVars | Readonly<Record<string, string>>,
  port: number,
  siteDir: string,
  template = fs.readFileSync(TEMPLATE, 'utf8'),
): string {
  const rendered = envsubst(template, { ...vars });
  for (const line of [PRODUCTION_LISTEN, PRODUCTION_ROOT]) {
    if (rendered.split(line).length !== 2) throw new Error(`template must hold '${line}' once`);
  }
  return rendered
    .replace(PRODUCTION_LISTEN, `listen 127.0.0.1:${port};`)
    .replace(PRODUCTION_ROOT, `root ${siteDir};`);
}

/**
 * The main nginx.conf of the unprivileged image (nginx.org's, with the pid and temporary files
 * moved to a writable folder and no `user` line), with that folder as `runDir`.
 */
function mainConf(runDir: string, confDir: string): string {
  return `worker_processes 1;
error_log ${runDir}/error.log notice;
pid ${runDir}/nginx.pid;

events {
    worker_connections 64;
}

http {
    proxy_temp_path ${runDir}/proxy_temp;
    client_body_temp_path ${runDir}/client_temp;
    fastcgi_temp_path ${runDir}/fastcgi_temp;
    uwsgi_temp_path ${runDir}/uwsgi_temp;
    scgi_temp_path ${runDir}/scgi_temp;

    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${runDir}/access.log;
    sendfile on;
    keepalive_timeout 65;

    include ${confDir}/conf.d/*.conf;
}
`;
}

/** A running nginx. */
export interface Nginx {
  readonly url: string;
  readonly port: number;
  /** The folder of its configuration, read-only for the user it runs as. */
  readonly confDir: string;
  /** The OS user it runs as (this process's own when not root). */
  readonly user: string | undefined;
  /** What `nginx -t` printed. */
  readonly configTest: RunResult;
  /** Its error log so far. */
  errorLog(): string;
  stop(): Promise<void>;
}

function writeReadOnly(file: string, text: string): void {
  fs.writeFileSync(file, text);
  fs.chmodSync(file, 0o444);
}

/**
 * Checks the rendered configuration (of the committed template and page, or of `site`) with
 * `nginx -t`, then serves it on a free port of 127.0.0.1 as an unprivileged user (`nobody` when
 * this process is root) from read-only files: the configuration and the page are root's, mode
 * 0444 in folders of mode 0555; only the run folder (pid, temporary files, logs, like the image's
 * /tmp) is writable.
 */
export async function startNginx(
  vars: TemplateVars | Readonly<Record<string, string>>,
  site: NginxSite = committedSite(),
): Promise<Nginx> {
  const ids = userIds(NGINX_USER);
  const user = ids ? NGINX_USER : undefined;
  const base = tempDir('cdk8s-webapp-nginx-');
  const confDir = path.join(base, 'conf');
  const siteDir = path.join(base, 'html');
  const runDir = path.join(base, 'run');
  fs.mkdirSync(path.join(confDir, 'conf.d'), { recursive: true });
  fs.mkdirSync(siteDir);
  fs.mkdirSync(runDir, { mode: 0o700 });
  if (ids) fs.chownSync(runDir, ids.uid, ids.gid);

  const port = await freePort();
  writeReadOnly(path.join(confDir, 'nginx.conf'), mainConf(runDir, confDir));
  writeReadOnly(
    path.join(confDir, 'conf.d', 'default.conf'),
    renderForTest(vars, port, siteDir, site.template),
  );
  for (const [file, text] of Object.entries(site.page)) {
    writeReadOnly(path.join(siteDir, file), text);
  }
  for (const dir of [path.join(confDir, 'conf.d'), confDir, siteDir, base])
    fs.chmodSync(dir, 0o555);

  const args = [
    '-p',
    runDir,
    '-c',
    path.join(confDir, 'nginx.conf'),
    '-e',
    path.join(runDir, 'error.log'),
  ];
  const errorLog = () => {
    try {
      return fs.readFileSync(path.join(runDir, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  };
  const cleanUp = () => {
    if (!fs.existsSync(base)) return;
    for (const dir of [base, confDir, path.join(confDir, 'conf.d'), siteDir])
      fs.chmodSync(dir, 0o755);
    fs.rmSync(base, { recursive: true, force: true });
  };

  const configTest = await run('/usr/sbin/nginx', ['-t', ...args], { user });
  if (configTest.status !== 0) {
    cleanUp();
    throw new Error(`nginx -t failed:\n${configTest.stderr}`);
  }
  const server: Server = startServer('/usr/sbin/nginx', [...args, '-g', 'daemon off;'], { user });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor('nginx to answer /healthz', async () => {
      if (server.exited()) throw new Error(`nginx exited:\n${server.output()}${errorLog()}`);
      const response = await fetch(`${url}/healthz`).catch(() => undefined);
      return response?.ok ? true : undefined;
    });
  } catch (error) {
    await server.stop('SIGKILL');
    cleanUp();
    throw error;
  }
  return {
    url,
    port,
    confDir,
    user,
    configTest,
    errorLog,
    async stop() {
      await server.stop('SIGQUIT');
      cleanUp();
    },
  };
}
