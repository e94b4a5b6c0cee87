import { Chart, Testing } from 'cdk8s';

/** A manifest as synthesized: loosely typed, since tests read arbitrary fields. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = any;

/** A fresh chart in a fresh app, namespaced like a real environment. */
export function testChart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'shop', disableResourceNameHashes: true });
}

/** The manifests of a chart. */
export function synth(chart: Chart): Manifest[] {
  return Testing.synth(chart);
}

/** The one manifest of a kind (and name, when several share the kind); fails when there is none. */
export function only(manifests: Manifest[], kind: string, name?: string): Manifest {
  const found = manifests.filter(
    (m) => m.kind === kind && (name === undefined || m.metadata.name === name),
  );
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` '${name}'` : ''}, found ${found.length}`);
  }
  return found[0];
}

/** The pod spec of a Deployment, StatefulSet, Job or CronJob. */
export function podSpecOf(workload: Manifest): Manifest {
  return workload.kind === 'CronJob'
    ? workload.spec.jobTemplate.spec.template.spec
    : workload.spec.template.spec;
}

/** Asserts the Pod Security Standards "restricted" settings on a pod spec and every container. */
export function expectRestrictedPod(pod: Manifest): void {
  expect(pod.securityContext).toMatchObject({
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  });
  expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
  expect(pod.automountServiceAccountToken).toBe(false);
  for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  }
}
