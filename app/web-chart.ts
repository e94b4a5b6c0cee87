import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { BlueGreenWebApp, Probe, StatefulApp, Volume } from '../src';
import { databaseClientEnv } from './database-chart';
import { EnvironmentConfig } from './environments';
import { IMAGES } from './images';
import { INDEX_HTML } from './site';

const SITE = '/usr/share/nginx/html';
/** Copies the site from the ConfigMap into the shared folder; `-L` copies files, not the ConfigMap's links. */
const COPY_SITE = 'cp -L /seed/* /site/';

/**
 * The front end: nginx serves the site from a folder it shares with a helper container, which
 * keeps it in sync with the `web-content` ConfigMap (re-apply the ConfigMap and the site changes
 * within 30 seconds, without a rollout). Two releases run side by side; the live Service and the
 * Ingress send the traffic to the active one.
 */
export class WebChart extends Chart {
  /** The blue/green pair. */
  public readonly web: BlueGreenWebApp;

  public constructor(scope: Construct, id: string, env: EnvironmentConfig, db: StatefulApp) {
    super(scope, id, { namespace: env.namespace, disableResourceNameHashes: true });
    new k8s.KubeConfigMap(this, 'Content', {
      metadata: { name: 'web-content', labels: { 'app.kubernetes.io/part-of': 'stock-trader' } },
      data: { 'index.html': INDEX_HTML },
    });
    const siteMounts = [
      { volume: 'seed', path: '/seed', readOnly: true },
      { volume: 'site', path: '/site' },
    ];
    this.web = new BlueGreenWebApp(this, 'web', {
      partOf: 'stock-trader',
      blue: { image: IMAGES.web, changeCause: 'front end on nginx 1.27.2' },
      green: { image: IMAGES.webNext, changeCause: 'front end on nginx 1.27.3' },
      active: env.web.active,
      ...env.web.scaling,
      ports: [{ name: 'http', containerPort: 8080, servicePort: 80, nodePort: env.web.nodePort }],
      serviceType: env.web.serviceType,
      resources: env.web.resources,
      // The API's connection settings; nginx stands in for the API image and ignores them.
      env: databaseClientEnv(db.serviceHost),
      volumes: { site: Volume.emptyDir(), seed: Volume.fromConfigMap('web-content') },
      volumeMounts: [{ volume: 'site', path: SITE, readOnly: true }],
      writablePaths: ['/tmp'],
      podSecurity: { runAsUser: 101, runAsGroup: 101 },
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
    this.web.connectTo(db);
  }
}
