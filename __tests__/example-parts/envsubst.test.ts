import * as fs from 'fs';
import * as path from 'path';
import { envsubst } from '../../app/site/envsubst';
import { ROOT } from '../support/files';
import { run } from '../support/processes';

const GETTEXT_ENVSUBST = '/usr/bin/envsubst';
const TEMPLATE = path.join(ROOT, 'app', 'site', 'default.conf.template');

describe('envsubst', () => {
  const tricky = [
    'a ${RELEASE} b $RELEASE c ${RELEASE}x $RELEASEx',
    'nginx: $host $uri ${request_uri} $1 $',
    'undefined: ${API_URL} $API_URL ${RELEASE:-blue} ${ RELEASE } $$RELEASE \\$RELEASE',
    'empty: [${EMPTY}] [$EMPTY]',
    '',
  ].join('\n');
  const vars = { RELEASE: 'green', EMPTY: '' };

  test('replaces only the given names, in both forms, and leaves everything else as written', () => {
    expect(envsubst(tricky, vars)).toBe(
      [
        'a green b green c greenx $RELEASEx',
        'nginx: $host $uri ${request_uri} $1 $',
        'undefined: ${API_URL} $API_URL ${RELEASE:-blue} ${ RELEASE } $green \\green',
        'empty: [] []',
        '',
      ].join('\n'),
    );
  });

  test("matches gettext's envsubst with an explicit list, as the nginx image runs it", async () => {
    if (!fs.existsSync(GETTEXT_ENVSUBST)) {
      console.warn(
        'gettext envsubst is not installed (sudo apt-get install -y gettext-base): compared with the expected text only',
      );
      return;
    }
    // The image passes every defined variable as '${NAME} ' to envsubst.
    const list = Object.keys(vars)
      .map((name) => `\${${name}}`)
      .join(' ');
    const real = await run(GETTEXT_ENVSUBST, [list], { input: tricky, env: vars });
    expect(real.status).toBe(0);
    expect(envsubst(tricky, vars)).toBe(real.stdout);

    const template = fs.readFileSync(TEMPLATE, 'utf8');
    const env = {
      RELEASE: 'blue',
      API_URL: 'http://api:3000',
      NGINX_LOCAL_RESOLVERS: '10.96.0.10',
    };
    const names = Object.keys(env)
      .map((name) => `\${${name}}`)
      .join(' ');
    const rendered = await run(GETTEXT_ENVSUBST, [names], { input: template, env });
    expect(envsubst(template, env)).toBe(rendered.stdout);
  });

  test('renders the nginx template, keeping nginx variables and leaving no template variable', () => {
    const rendered = envsubst(fs.readFileSync(TEMPLATE, 'utf8'), {
      RELEASE: 'blue',
      API_URL: 'http://api.stock-trader.svc.cluster.local:3000',
      NGINX_LOCAL_RESOLVERS: '10.96.0.10',
    });
    expect(rendered).toContain('resolver 10.96.0.10 valid=10s ipv6=off;');
    expect(rendered).toContain('set $api_upstream http://api.stock-trader.svc.cluster.local:3000;');
    expect(rendered).toContain('"release":"blue"');
    expect(rendered).toContain('"pod":"$hostname"');
    expect(rendered).toContain('"version":"$nginx_version"');
    expect(rendered).not.toMatch(/\$\{?(RELEASE|API_URL|NGINX_LOCAL_RESOLVERS)\b/);
  });

  test('leaves NGINX_LOCAL_RESOLVERS in place when the image did not set it (nginx then refuses to start)', () => {
    const rendered = envsubst(fs.readFileSync(TEMPLATE, 'utf8'), {
      RELEASE: 'blue',
      API_URL: 'http://api:3000',
    });
    expect(rendered).toContain('resolver ${NGINX_LOCAL_RESOLVERS} valid=10s ipv6=off;');
  });
});
