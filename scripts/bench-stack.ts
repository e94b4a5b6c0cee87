// A generated stack for `npm run bench`: N WebApps with realistic props (Ingress, an autoscaler
// or a fixed count, a sidecar, volumes), grouped ten to a team, each team in its own namespace and
// chart with a Job and a CronJob, all behind a platform chart that creates the namespaces. It is
// synthesized the way `main.ts` synthesizes the example: atomically, gate included.
//
//   node scripts/run-ts.mjs scripts/bench-stack.ts <N> <outdir> [--skip-check]
import { App, Chart, Duration } from 'cdk8s';
import * as k8s from '../imports/k8s';
import { assertManifestsPass } from '../gate';
import { runSynth } from '../runtime';
import { CronJob, EnvValue, Job, Probe, Volume, WebApp } from '../src';

/** Apps per team: one chart, one namespace, one Job and one CronJob each. */
const TEAM_SIZE = 10;

const WEB_IMAGE = 'nginxinc/nginx-unprivileged:1.27.2-alpine';
const TOOL_IMAGE = 'busybox:1.36.1';

/** Builds the stack of `count` WebApps into `app`. */
function buildStack(app: App, count: number): void {
  const teams = Math.ceil(count / TEAM_SIZE);
  const platform = new Chart(app, 'platform', { disableResourceNameHashes: true });
  for (let t = 0; t < teams; t++) {
    const team = teamName(t);
    new k8s.KubeNamespace(platform, team, {
      metadata: { name: team, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
    });
    const chart = new Chart(app, team, { namespace: team, disableResourceNameHashes: true });
    chart.addDependency(platform);
    new k8s.KubeConfigMap(chart, 'Config', {
      metadata: { name: 'config', labels: { 'app.kubernetes.io/part-of': team } },
      data: { 'app.conf': `team=${team}\n` },
    });
    const apps: WebApp[] = [];
    for (let i = t * TEAM_SIZE; i < Math.min(count, (t + 1) * TEAM_SIZE); i++) {
      apps.push(webApp(chart, team, i));
    }
    const job = new Job(chart, 'migrate', {
      image: TOOL_IMAGE,
      partOf: team,
      command: ['sh', '-c', 'echo migrating'],
      activeDeadline: Duration.minutes(5),
    });
    const cron = new CronJob(chart, 'report', {
      image: TOOL_IMAGE,
      partOf: team,
      schedule: `${t % 60} 3 * * *`,
      timeZone: 'Etc/UTC',
      command: ['sh', '-c', 'echo reporting'],
    });
    job.connectTo(apps[0]);
    cron.connectTo(apps[0]);
  }
}

function webApp(chart: Chart, team: string, i: number): WebApp {
  const name = `app-${String(i).padStart(4, '0')}`;
  const scaling =
    i % 2 === 0
      ? { autoscaling: { minReplicas: 2, maxReplicas: 6, targetCpuPercent: 70 } }
      : { replicas: 3 };
  return new WebApp(chart, name, {
    image: WEB_IMAGE,
    partOf: team,
    ...scaling,
    ports: [{ name: 'http', containerPort: 8080, servicePort: 80 }],
    env: { APP_NAME: EnvValue.fromValue(name), POD_IP: EnvValue.fromFieldRef('status.podIP') },
    volumes: { config: Volume.fromConfigMap('config'), cache: Volume.emptyDir() },
    volumeMounts: [
      { volume: 'config', path: '/etc/app', readOnly: true },
      { volume: 'cache', path: '/var/cache/app' },
    ],
    writablePaths: ['/tmp'],
    sidecars: [
      {
        name: 'log-shipper',
        image: TOOL_IMAGE,
        command: ['sh', '-c', 'while true; do touch /tmp/alive; sleep 10; done'],
        volumeMounts: [{ volume: 'cache', path: '/cache', readOnly: true }],
        writablePaths: ['/tmp'],
        readiness: Probe.exec(['test', '-d', '/cache']),
        liveness: Probe.exec(['sh', '-c', 'test -n "$(find /tmp/alive -mmin -1)"']),
      },
    ],
    ingress: {
      hosts: [`${name}.${team}.example.com`],
      ingressClassName: 'nginx',
      tlsSecretName: `${name}-tls`,
    },
  });
}

function teamName(t: number): string {
  return `team-${String(t).padStart(3, '0')}`;
}

{
  const [count, outdir] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const n = Number(count);
  if (!Number.isInteger(n) || n < 1 || !outdir) {
    console.error(
      'usage: node scripts/run-ts.mjs scripts/bench-stack.ts <N> <outdir> [--skip-check]',
    );
    process.exit(2);
  }
  runSynth((app) => buildStack(app, n), {
    outdir,
    verify: process.argv.includes('--skip-check') ? undefined : assertManifestsPass,
  });
}
