import { Chart, Testing } from 'cdk8s';
import fc from 'fast-check';
import { Construct } from 'constructs';
import { checkDocuments } from '../../gate';
import {
  BlueGreenWebApp,
  BlueGreenWebAppProps,
  CronJob,
  CronJobProps,
  Job,
  JobProps,
  StatefulApp,
  StatefulAppProps,
  WebApp,
  WebAppProps,
} from '../../src';
import { Manifest } from '../support/synth';
import * as arb from './arbitraries';
import { Invalid } from './mutate';

/** Each construct: its valid names (those that name a Service start with a letter) and how to build it. */
export const CONSTRUCTS = {
  WebApp: {
    name: arb.dns1035Label(63),
    build: (s: Construct, id: string, p: WebAppProps) => new WebApp(s, id, p),
  },
  BlueGreenWebApp: {
    name: arb.dns1035Label(57),
    build: (s: Construct, id: string, p: BlueGreenWebAppProps) => new BlueGreenWebApp(s, id, p),
  },
  StatefulApp: {
    name: arb.dns1035Label(52),
    build: (s: Construct, id: string, p: StatefulAppProps) => new StatefulApp(s, id, p),
  },
  Job: {
    name: arb.dnsLabel(63),
    build: (s: Construct, id: string, p: JobProps) => new Job(s, id, p),
  },
  CronJob: {
    name: arb.dnsLabel(52),
    build: (s: Construct, id: string, p: CronJobProps) => new CronJob(s, id, p),
  },
};

/** The kinds of construct the property tests build. */
export type Kind = keyof typeof CONSTRUCTS;

/** Valid props of each kind, across the documented range. */
export const VALID_PROPS: {
  [K in Kind]: fc.Arbitrary<Parameters<(typeof CONSTRUCTS)[K]['build']>[2]>;
} = {
  WebApp: arb.webAppProps,
  BlueGreenWebApp: arb.blueGreenProps,
  StatefulApp: arb.statefulAppProps,
  Job: arb.jobProps,
  CronJob: arb.cronJobProps,
};

/**
 * A construct id: anything without '/'. Not the names of Object.prototype's members: the
 * `constructs` library keeps children in a plain object, so `new Construct(scope, 'toString')`
 * fails with "There is already a Construct with name 'toString'" (upstream, not ours).
 */
export const anyId = fc
  .string({ minLength: 1, maxLength: 80 })
  .filter((id) => !id.includes('/') && !(id in Object.prototype));

/** The standard error of a construct at `path` (or inside it): kind, path in quotes, text. */
export function errorAt(path: string): RegExp {
  const quoted = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(WebApp|BlueGreenWebApp|StatefulApp|Job|CronJob) '${quoted}(/[^']+)?': `);
}

/**
 * The standard error of a construct (kind, path in quotes, then the text) or of a value type's
 * factory (`Probe.httpGet: ...`).
 */
export const ERROR =
  /^((WebApp|BlueGreenWebApp|StatefulApp|Job|CronJob) '[^']+'|(Probe|EnvValue|Volume|NetworkPeer)\.\w+): /;

/** A fresh chart as an environment has it: namespaced, no hash suffixes. */
export function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'shop', disableResourceNameHashes: true });
}

/** The gate's findings on some manifests. */
export function gateFindings(docs: readonly Manifest[]): readonly unknown[] {
  return checkDocuments(docs.map((doc, i) => ({ file: `doc-${i}.yaml`, doc }))).findings;
}

/** What `build` throws, or undefined. */
export function thrown(build: () => void): unknown {
  try {
    build();
    return undefined;
  } catch (error) {
    return error;
  }
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
/** Kubernetes appends `-<hash>` (up to 11 characters) to a StatefulSet's name for a pod label. */
const REVISION_SUFFIX = 11;

/**
 * What the Kubernetes 1.27 API server refuses and the JSON schema cannot see: name formats and
 * lengths, label values, unique container, port and volume names, mounts of undeclared volumes,
 * repeated mount paths, env var names. One line per problem.
 */
export function apiServerProblems(docs: readonly Manifest[]): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => ok || problems.push(what);
  const label = (value: string, max = 63) => value.length <= max && DNS_LABEL.test(value);
  for (const doc of docs) {
    const name: string = doc.metadata.name;
    const at = `${doc.kind}/${name}`;
    check(name.length <= 253 && SUBDOMAIN.test(name), `${at}: name is no DNS-1123 subdomain`);
    if (doc.kind === 'Service')
      check(name.length <= 63 && DNS_1035.test(name), `${at}: name is no DNS-1035 label`);
    if (doc.kind === 'Job') check(label(name), `${at}: name is longer than 63`);
    if (doc.kind === 'CronJob') check(label(name, 52), `${at}: name is longer than 52`);
    if (doc.kind === 'StatefulSet') {
      check(
        label(name, 63 - REVISION_SUFFIX),
        `${at}: controller-revision-hash label would exceed 63`,
      );
    }
    for (const labels of labelMaps(doc)) {
      for (const [key, value] of Object.entries(labels)) {
        check(
          value.length <= 63 && LABEL_VALUE.test(value),
          `${at}: label ${key}=${value} is invalid`,
        );
      }
    }
    const pod = podSpec(doc);
    if (pod === undefined) continue;
    const volumes: string[] = [
      ...(pod.volumes ?? []).map((v: Manifest) => v.name),
      ...(doc.spec.volumeClaimTemplates ?? []).map((c: Manifest) => c.metadata.name),
    ];
    check(new Set(volumes).size === volumes.length, `${at}: volume names repeat: ${volumes}`);
    volumes.forEach((v) => check(label(v), `${at}: volume name ${v} is no DNS-1123 label`));
    const containers: Manifest[] = [...(pod.initContainers ?? []), ...pod.containers];
    const names = containers.map((c) => c.name);
    check(new Set(names).size === names.length, `${at}: container names repeat: ${names}`);
    for (const c of containers) {
      check(label(c.name), `${at}: container name ${c.name} is no DNS-1123 label`);
      for (const port of c.ports ?? []) {
        const ok = label(port.name, 15) && /[a-z]/.test(port.name) && !port.name.includes('--');
        check(ok, `${at}: port name ${port.name} of ${c.name} is no IANA service name`);
      }
      const paths = (c.volumeMounts ?? []).map((m: Manifest) => m.mountPath);
      check(
        new Set(paths).size === paths.length,
        `${at}: ${c.name} mounts twice at one of ${paths}`,
      );
      for (const mount of c.volumeMounts ?? []) {
        check(volumes.includes(mount.name), `${at}: ${c.name} mounts undeclared ${mount.name}`);
      }
      for (const e of c.env ?? []) check(ENV_NAME.test(e.name), `${at}: env name ${e.name}`);
    }
  }
  return problems;
}

/** The pod spec of a workload manifest, or undefined. */
export function podSpec(doc: Manifest): Manifest | undefined {
  if (doc.kind === 'CronJob') return doc.spec.jobTemplate.spec.template.spec;
  return ['Deployment', 'StatefulSet', 'Job'].includes(doc.kind)
    ? doc.spec.template.spec
    : undefined;
}

/** The pod template labels of a workload manifest, or undefined. */
export function podLabels(doc: Manifest): Record<string, string> | undefined {
  if (doc.kind === 'CronJob') return doc.spec.jobTemplate.spec.template.metadata.labels;
  return podSpec(doc) && doc.spec.template.metadata.labels;
}

function labelMaps(doc: Manifest): Record<string, string>[] {
  return [
    doc.metadata.labels,
    podLabels(doc),
    doc.spec?.selector?.matchLabels,
    doc.kind === 'Service' ? doc.spec.selector : undefined,
    doc.spec?.podSelector?.matchLabels,
  ].filter((m) => m !== undefined);
}

/** Asserts the standard one-line message that names the construct, the prop and the value. */
export function expectStandardError(error: unknown, { prop, shown }: Invalid<unknown>): void {
  expect(error).toBeInstanceOf(Error);
  expect(error).not.toBeInstanceOf(TypeError);
  expect(error).not.toBeInstanceOf(RangeError);
  const message = (error as Error).message;
  expect(message).toMatch(ERROR);
  expect(message).not.toContain('\n');
  expect(message).toContain(`${prop} `);
  expect(message).toContain('got ');
  expect(message).toContain(shown);
  if (shown !== 'undefined') expect(message).not.toMatch(/undefined/);
  expect(message).not.toMatch(/NaN.*NaN|\[object Object\]/);
}
