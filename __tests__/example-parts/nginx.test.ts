import * as fs from 'fs';
import * as path from 'path';
import { Nginx, PAGE_FILES, SITE_DIR, startNginx } from '../support/nginx';
import { NxdomainDns, startNxdomainDns } from '../support/nxdomain-dns';
import { PostgrestStandIn } from '../support/postgrest-stand-in';
import { run, stopAll } from '../support/processes';
import { PROGRAMS, describeWithPrograms } from '../support/real-programs';
import { SiteStack, startSiteStack } from '../support/site-stack';

describeWithPrograms(
  'the nginx front end (real nginx, as an unprivileged user)',
  [PROGRAMS.nginx, PROGRAMS.postgres],
  () => {
    let stack: SiteStack | undefined;
    let api: PostgrestStandIn;
    let nginx: Nginx;

    beforeAll(async () => {
      stack = await startSiteStack('green');
      ({ api, nginx } = stack);
    }, 120_000);

    afterAll(() => stack?.stop(), 60_000);

    test('nginx -t accepts the rendered template', () => {
      expect(nginx.configTest.status).toBe(0);
      expect(nginx.configTest.stderr).toContain('test is successful');
    });

    test('runs as an unprivileged user that cannot change its configuration', async () => {
      if (!nginx.user) return; // not root: already unprivileged, and the files are the test's own
      const check = await run(
        'sh',
        [
          '-c',
          'id -u; test ! -w "$1" && test ! -w "$1/nginx.conf" && test ! -w "$1/conf.d"',
          'sh',
          nginx.confDir,
        ],
        { user: nginx.user },
      );
      expect(check.status).toBe(0);
      expect(check.stdout.trim()).not.toBe('0');
    });

    test.each([
      ['/healthz', 'ok\n'],
      ['/readyz', 'ready\n'],
    ])('%s answers 200 in plain text', async (url, text) => {
      const response = await fetch(`${nginx.url}${url}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain');
      expect(await response.text()).toBe(text);
    });

    test('/whoami says which pod, release and nginx answered, never cached', async () => {
      const response = await fetch(`${nginx.url}/whoami`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const whoami = (await response.json()) as { pod: string };
      const version = (await run('/usr/sbin/nginx', ['-v'])).stderr.match(/nginx\/([\d.]+)/)?.[1];
      expect(whoami).toEqual({
        pod: expect.any(String),
        release: 'green',
        version,
        served_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/),
      });
      expect(whoami.pod.length).toBeGreaterThan(0);
    });

    test.each(PAGE_FILES.map((f) => [f]))(
      'serves %s as written, with its content type',
      async (file) => {
        const response = await fetch(`${nginx.url}/${file}`);
        expect(response.status).toBe(200);
        const type = {
          'index.html': 'text/html',
          'app.js': 'application/javascript',
          'style.css': 'text/css',
          'favicon.svg': 'image/svg+xml',
        }[file];
        expect(response.headers.get('content-type')).toBe(type);
        expect(await response.text()).toBe(fs.readFileSync(path.join(SITE_DIR, file), 'utf8'));
      },
    );

    test('/ serves the page, with a content security policy that allows only its own files', async () => {
      const response = await fetch(`${nginx.url}/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>Stock Trader</title>');
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'self'; frame-ancestors 'none'",
      );
    });

    test('/api/quotes goes to PostgREST as /quotes, with its query string', async () => {
      const response = await fetch(
        `${nginx.url}/api/quotes?select=symbol,price_cents&order=symbol.desc`,
      );
      expect(response.status).toBe(200);
      const quotes = (await response.json()) as { symbol: string }[];
      expect(quotes.map((q) => q.symbol)).toEqual(['INIT', 'GLBX', 'ACME']);
      expect(Object.keys(quotes[0])).toEqual(['symbol', 'price_cents']);
      expect(api.log).toContain('GET /quotes 200');
    });

    test("/api/rpc/place_trade passes the body and PostgREST's error answer through", async () => {
      const post = (order: object) =>
        fetch(`${nginx.url}/api/rpc/place_trade`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(order),
        });
      const bought = await post({ symbol: 'GLBX', side: 'buy', quantity: 2 });
      expect(bought.status).toBe(200);
      expect(await bought.json()).toMatchObject({ symbol: 'GLBX', side: 'buy', quantity: 2 });

      const refused = await post({ symbol: 'GLBX', side: 'sell', quantity: 3 });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual({
        code: 'P0001',
        details: null,
        hint: null,
        message: 'cannot sell 3 GLBX: only 2 held',
      });
    });

    test('fails with 401 when the API is asked for a table web_anon may not read', async () => {
      const response = await fetch(`${nginx.url}/api/trades`);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        code: '42501',
        message: 'permission denied for table trades',
      });
    });
  },
);

describeWithPrograms('the nginx front end before the API exists', [PROGRAMS.nginx], () => {
  let dns: NxdomainDns;
  let nginx: Nginx;

  beforeAll(async () => {
    dns = await startNxdomainDns();
    nginx = await startNginx({
      RELEASE: 'blue',
      API_URL: 'http://api.stock-trader.svc.cluster.local:3000',
      NGINX_LOCAL_RESOLVERS: dns.address,
    });
  }, 60_000);

  afterAll(() => stopAll([() => nginx?.stop(), () => dns?.stop()]), 60_000);

  test('starts and passes its probes although the API name does not resolve', async () => {
    expect((await fetch(`${nginx.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${nginx.url}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${nginx.url}/whoami`)).json()).toMatchObject({ release: 'blue' });
  });

  test('answers /api/ with 502 Bad Gateway, having asked the resolver', async () => {
    const response = await fetch(`${nginx.url}/api/quotes`);
    expect(response.status).toBe(502);
    expect(dns.queries()).toBeGreaterThan(0);
    expect(nginx.errorLog()).toContain('api.stock-trader.svc.cluster.local could not be resolved');
  });
});
