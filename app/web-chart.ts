import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { BlueGreenWebApp, Color, EnvValue, Probe, Volume, WebApp } from '../src';
import { API } from './api-chart';
import { EnvironmentConfig } from './environments';
import { IMAGES } from './images';
import { PART_OF, appLabels } from './labels';
import { ExampleParts } from './parts';

/** Where nginx serves the page from. */
const SITE = '/usr/share/nginx/html';
/** Copies the page from the ConfigMap into the shared folder; `-L` copies files, not the ConfigMap's links. */
const COPY_SITE = 'cp -L /seed/* /site/';
/**
 * The variables the image's entrypoint substitutes into the template (`NGINX_ENVSUBST_FILTER`):
 * only these three, whatever else the environment holds.
 */
const TEMPLATE_VARIABLES = '^(RELEASE|API_URL|NGINX_LOCAL_RESOLVERS)$';

/** The environment of one release: which color it is, shown by `/whoami` and on the page. */
function release(color: Color): Record<string, EnvValue> {
  return { RELEASE: EnvValue.fromValue(color) };
}

/**
 * The front end: nginx serves the page (`app/site/`) from a folder it shares with a helper
 * container, which keeps it in sync with the `web-content` ConfigMap (re-apply the ConfigMap and
 * the page changes within 30 seconds, without a rollout), answers `/whoami`, `/healthz` and
 * `/readyz`, and proxies `/api/` to PostgREST. Its server block is a template
 * (`app/site/default.conf.template`) that the image's entrypoint renders at start. Two releases
 * run side by side; the live Service and the Ingress send the traffic to the active one.
 */
export class WebChart extends Chart {
  /** The blue/green pair. */
  public readonly web: BlueGreenWebApp;

  /**
   * @param api the API that the page's `/api/` requests go to
   * @param parts the page and the nginx template
   */
  public constructor(
    scope: Construct,
    id: string,
    env: EnvironmentConfig,
    api: WebApp,
    parts: ExampleParts,
  ) {
    super(scope, id, { namespace: env.namespace, disableResourceNameHashes: true });
    const labels = appLabels('web', 'web');
    const content = new k8s.KubeConfigMap(this, 'Content', {
      metadata: { name: 'web-content', labels },
      data: parts.page,
    });
    const templates = new k8s.KubeConfigMap(this, 'NginxTemplates', {
      metadata: { name: 'web-nginx-templates', labels },
      data: { 'default.conf.template': parts.nginxTemplate },
    });
    const siteMounts = [
      { volume: 'seed', path: '/seed', readOnly: true },
      { volume: 'site', path: '/site' },
    ];
    this.web = new BlueGreenWebApp(this, 'web', {
      partOf: PART_OF,
      blue: {
        image: IMAGES.web,
        changeCause: 'front end on nginx 1.27.2',
        env: release(Color.BLUE),
      },
      green: {
        image: IMAGES.webNext,
        changeCause: 'front end on nginx 1.27.3',
        env: release(Color.GREEN),
      },
      active: env.web.active,
      ...env.web.scaling,
      ports: [{ name: 'http', containerPort: 8080, servicePort: 80, nodePort: env.web.nodePort }],
      serviceType: env.web.serviceType,
      resources: env.web.resources,
      readiness: Probe.httpGet('/readyz'),
      liveness: Probe.httpGet('/healthz'),
      env: {
        // Fully qualified: nginx's resolver does not use the search domains of resolv.conf.
        API_URL: EnvValue.fromValue(`http://${api.serviceHost}:${api.servicePorts.http}`),
        // The entrypoint then sets NGINX_LOCAL_RESOLVERS (the cluster DNS) for the template.
        NGINX_ENTRYPOINT_LOCAL_RESOLVERS: EnvValue.fromValue('1'),
        NGINX_ENVSUBST_FILTER: EnvValue.fromValue(TEMPLATE_VARIABLES),
      },
      volumes: {
        site: Volume.emptyDir(),
        seed: Volume.fromConfigMap(content),
        templates: Volume.fromConfigMap(templates),
      },
      volumeMounts: [
        { volume: 'site', path: SITE, readOnly: true },
        { volume: 'templates', path: '/etc/nginx/templates', readOnly: true },
      ],
      // The entrypoint writes the rendered template into conf.d (the emptyDir also hides the
      // image's own default.conf); nginx writes its pid and temporary files to /tmp. Nothing
      // else is written, so the unprivileged image runs as any user: UID/GID 10001, the default.
      writablePaths: ['/tmp', '/etc/nginx/conf.d'],
      initContainers: [
        {
          name: 'content-seed',
          image: IMAGES.contentSync,
          command: ['sh', '-c', COPY_SITE],
          volumeMounts: siteMounts,
        },
      ],
      sidecars: [
        {
          name: 'content-sync',
          image: IMAGES.contentSync,
          command: ['sh', '-c', `while true; do ${COPY_SITE} && touch /tmp/synced; sleep 30; done`],
          volumeMounts: siteMounts,
          writablePaths: ['/tmp'],
          readiness: Probe.exec(['test', '-s', '/site/index.html']),
          // Alive while the loop keeps syncing: the marker is never older than two minutes.
          liveness: Probe.exec(['sh', '-c', 'test -n "$(find /tmp/synced -mmin -2)"']),
          resources: env.web.resources,
        },
      ],
      ingress: {
        hosts: [env.web.host],
        ingressClassName: 'nginx',
        tlsSecretName: env.web.tlsSecretName,
      },
    });
    // Browser -> web -> api: the web pods reach PostgREST's API port, and nothing else of it.
    this.web.connectTo(api, [{ port: API.port }]);
  }
}
