import { imageProblem } from '../../gate/rules/practices';
import { CONTAINER, POD, WEB, checkChanged, problems, webContainer, webPod } from './helpers';

describe('practices shared by kube-score, kube-linter and Polaris', () => {
  test('fails if CPU and memory requests and limits are not all set', () => {
    const report = checkChanged((get) => {
      webContainer(get).resources = { requests: { cpu: '100m' } };
    });
    expect(problems(report).map((p) => [p.rule, p.path, p.message])).toEqual([
      [
        'container-resources',
        `${CONTAINER}.resources.requests.memory`,
        'memory request is not set',
      ],
      ['container-resources', `${CONTAINER}.resources.limits.cpu`, 'CPU limit is not set'],
      ['container-resources', `${CONTAINER}.resources.limits.memory`, 'memory limit is not set'],
    ]);
  });

  test('checks the resources of init containers too', () => {
    const report = checkChanged((get) => {
      delete get('StatefulSet').spec.template.spec.initContainers[0].resources.limits;
    });
    expect(problems(report).map((p) => p.path)).toEqual([
      `${POD}.initContainers[0].resources.limits.cpu`,
      `${POD}.initContainers[0].resources.limits.memory`,
    ]);
  });

  test('fails if a long-running container has no readiness or liveness probe', () => {
    const report = checkChanged((get) => {
      delete webContainer(get).readinessProbe;
      delete get('StatefulSet').spec.template.spec.containers[0].livenessProbe;
    });
    expect(problems(report)).toEqual([
      {
        rule: 'liveness-probe',
        object: 'StatefulSet/shop/db',
        path: `${CONTAINER}.livenessProbe`,
        message: 'livenessProbe is not set',
      },
      {
        rule: 'readiness-probe',
        object: WEB,
        path: `${CONTAINER}.readinessProbe`,
        message: 'readinessProbe is not set',
      },
    ]);
  });

  test('does not ask Jobs, CronJobs or init containers for probes', () => {
    // The valid set has none there: passing is the assertion.
    expect(problems(checkChanged(() => undefined))).toEqual([]);
  });

  test('fails if readiness and liveness probes use the same handler', () => {
    const report = checkChanged((get) => {
      const container = webContainer(get);
      container.livenessProbe = { ...container.readinessProbe, periodSeconds: 20 };
    });
    expect(problems(report)).toEqual([
      expect.objectContaining({
        rule: 'distinct-probes',
        path: `${CONTAINER}.livenessProbe`,
        message: expect.stringMatching(
          /^livenessProbe must not use the same handler as readinessProbe/,
        ),
      }),
    ]);
  });

  test.each([
    ['nginx', "image 'nginx' has no tag or digest: pin a version"],
    ['nginx:latest', "image 'nginx:latest' uses the 'latest' tag: pin a version or a digest"],
    [
      'registry:5000/team/app',
      "image 'registry:5000/team/app' has no tag or digest: pin a version",
    ],
  ])('fails if the image is %s', (image, message) => {
    const report = checkChanged((get) => {
      webContainer(get).image = image;
    });
    expect(problems(report)).toEqual([
      { rule: 'image-tag', object: WEB, path: `${CONTAINER}.image`, message },
    ]);
  });

  test('accepts tags, registry ports and digests', () => {
    expect(imageProblem('registry:5000/team/app:1.2.3')).toBeUndefined();
    expect(imageProblem('app@sha256:abc')).toBeUndefined();
    expect(imageProblem('app:latest@sha256:abc')).toBeUndefined();
  });

  test('fails if a replicated Deployment or StatefulSet has no PodDisruptionBudget', () => {
    const report = checkChanged((get, docs) => {
      docs.splice(docs.indexOf(docs.find((d) => d.doc.kind === 'PodDisruptionBudget')!), 1);
      get('StatefulSet').spec.replicas = 3;
      get('StatefulSet').spec.template.spec.topologySpreadConstraints = [
        {
          maxSkew: 1,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'db' } },
        },
      ];
    });
    expect(problems(report)).toEqual([
      {
        rule: 'pdb-required',
        object: 'StatefulSet/shop/db',
        path: 'spec.selector',
        message:
          'no PodDisruptionBudget selects the pods of this StatefulSet, and it has 3 replicas',
      },
      {
        rule: 'pdb-required',
        object: WEB,
        path: 'spec.selector',
        message: 'no PodDisruptionBudget selects the pods of this Deployment, and it is autoscaled',
      },
    ]);
  });

  test('fails if no NetworkPolicy selects a pod template', () => {
    const report = checkChanged((_get, docs) => {
      const deny = docs.find((d) => d.doc.metadata.name === 'default-deny')!;
      deny.doc.spec.podSelector = { matchLabels: { 'app.kubernetes.io/name': 'nothing' } };
    });
    expect(problems(report).map((p) => [p.rule, p.object, p.path, p.message])).toEqual([
      [
        'network-policy-required',
        'Job/shop/migrate',
        'spec.template.metadata.labels',
        "no NetworkPolicy in namespace 'shop' selects these pods",
      ],
      [
        'network-policy-required',
        'CronJob/shop/report',
        'spec.jobTemplate.spec.template.metadata.labels',
        "no NetworkPolicy in namespace 'shop' selects these pods",
      ],
      [
        'network-policy-required',
        'StatefulSet/shop/db',
        'spec.template.metadata.labels',
        "no NetworkPolicy in namespace 'shop' selects these pods",
      ],
    ]);
  });

  test('fails if replicas have neither pod anti-affinity nor topology spread', () => {
    const report = checkChanged((get) => {
      delete webPod(get).affinity;
    });
    expect(problems(report)).toEqual([
      {
        rule: 'replica-spread',
        object: WEB,
        path: `${POD}.affinity`,
        message:
          'set affinity.podAntiAffinity or topologySpreadConstraints: it is autoscaled, and its replicas may all land on one node',
      },
    ]);
  });

  test('fails if the service account token is mounted', () => {
    const report = checkChanged((get) => {
      delete webPod(get).automountServiceAccountToken;
      get('ServiceAccount').automountServiceAccountToken = true;
      get('Job').spec.template.spec.automountServiceAccountToken = true;
    });
    expect(problems(report)).toEqual([
      {
        rule: 'service-account-token',
        object: 'Job/shop/migrate',
        path: `${POD}.automountServiceAccountToken`,
        message: 'automountServiceAccountToken must be false',
      },
      {
        rule: 'service-account-token',
        object: WEB,
        path: `${POD}.automountServiceAccountToken`,
        message:
          "automountServiceAccountToken must be false, in the pod spec or in ServiceAccount 'web'",
      },
    ]);
  });

  test('passes if the ServiceAccount turns the token off', () => {
    const report = checkChanged((get) => {
      delete webPod(get).automountServiceAccountToken;
    });
    expect(problems(report)).toEqual([]);
  });

  test('fails if the root file system is writable', () => {
    const report = checkChanged((get) => {
      webContainer(get).securityContext.readOnlyRootFilesystem = false;
    });
    expect(problems(report)).toEqual([
      {
        rule: 'read-only-root-fs',
        object: WEB,
        path: `${CONTAINER}.securityContext.readOnlyRootFilesystem`,
        message: 'readOnlyRootFilesystem must be true',
      },
    ]);
  });

  test('fails if a Job or a CronJob has no deadline or TTL', () => {
    const report = checkChanged((get) => {
      delete get('Job').spec.activeDeadlineSeconds;
      delete get('CronJob').spec.jobTemplate.spec.ttlSecondsAfterFinished;
    });
    expect(problems(report)).toEqual([
      {
        rule: 'job-deadline',
        object: 'Job/shop/migrate',
        path: 'spec.activeDeadlineSeconds',
        message: 'activeDeadlineSeconds is not set: a stuck Job would run for ever',
      },
      {
        rule: 'job-ttl',
        object: 'CronJob/shop/report',
        path: 'spec.jobTemplate.spec.ttlSecondsAfterFinished',
        message:
          'ttlSecondsAfterFinished is not set: finished Jobs and their pods are never cleaned up',
      },
    ]);
  });

  test('fails if a CronJob allows concurrent runs or has no starting deadline', () => {
    const report = checkChanged((get) => {
      delete get('CronJob').spec.concurrencyPolicy;
      delete get('CronJob').spec.startingDeadlineSeconds;
    });
    expect(problems(report)).toEqual([
      {
        rule: 'cronjob-concurrency',
        object: 'CronJob/shop/report',
        path: 'spec.concurrencyPolicy',
        message: 'concurrencyPolicy must be Forbid or Replace, got none (Allow by default)',
      },
      {
        rule: 'cronjob-starting-deadline',
        object: 'CronJob/shop/report',
        path: 'spec.startingDeadlineSeconds',
        message: 'startingDeadlineSeconds is not set: missed runs pile up and may never start',
      },
    ]);
  });
});
