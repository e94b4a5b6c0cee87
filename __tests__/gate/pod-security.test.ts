import { CONTAINER, POD, WEB, checkChanged, problems, webContainer, webPod } from './helpers';

describe('Pod Security Standards (restricted and baseline)', () => {
  test('the hardened pod specs of every workload kind pass', () => {
    expect(problems(checkChanged(() => undefined))).toEqual([]);
  });

  test('fails if allowPrivilegeEscalation is not false', () => {
    const report = checkChanged((get) => {
      delete webContainer(get).securityContext.allowPrivilegeEscalation;
    });
    expect(problems(report)).toEqual([
      {
        rule: 'pss-privilege-escalation',
        object: WEB,
        path: `${CONTAINER}.securityContext.allowPrivilegeEscalation`,
        message: 'allowPrivilegeEscalation must be false',
      },
    ]);
  });

  test('fails if runAsNonRoot is set neither in the pod nor in the container', () => {
    const report = checkChanged((get) => {
      delete webPod(get).securityContext.runAsNonRoot;
      delete webContainer(get).securityContext.runAsNonRoot;
    });
    expect(problems(report)).toEqual([
      {
        rule: 'pss-run-as-non-root',
        object: WEB,
        path: `${CONTAINER}.securityContext.runAsNonRoot`,
        message: 'runAsNonRoot must be true, in the pod or the container securityContext',
      },
    ]);
  });

  test('passes if runAsNonRoot is set in every container instead of the pod', () => {
    const report = checkChanged((get) => {
      delete webPod(get).securityContext.runAsNonRoot;
    });
    expect(problems(report)).toEqual([]);
  });

  test('fails if a container sets runAsNonRoot false, even when the pod sets it true', () => {
    const report = checkChanged((get) => {
      webContainer(get).securityContext.runAsNonRoot = false;
    });
    expect(problems(report)).toEqual([
      expect.objectContaining({
        rule: 'pss-run-as-non-root',
        message: 'runAsNonRoot must not be false',
      }),
    ]);
  });

  test('fails if runAsUser is 0 in the pod or a container', () => {
    const report = checkChanged((get) => {
      webPod(get).securityContext.runAsUser = 0;
      webContainer(get).securityContext.runAsUser = 0;
    });
    expect(problems(report)).toEqual([
      {
        rule: 'pss-run-as-user',
        object: WEB,
        path: `${POD}.securityContext.runAsUser`,
        message: 'runAsUser must not be 0 (root)',
      },
      expect.objectContaining({
        rule: 'pss-run-as-user',
        path: `${CONTAINER}.securityContext.runAsUser`,
      }),
    ]);
  });

  test('fails if capabilities do not drop ALL or add more than NET_BIND_SERVICE', () => {
    const report = checkChanged((get) => {
      webContainer(get).securityContext.capabilities = {
        drop: ['NET_RAW'],
        add: ['NET_BIND_SERVICE', 'SYS_ADMIN'],
      };
    });
    expect(problems(report)).toEqual([
      {
        rule: 'pss-capabilities',
        object: WEB,
        path: `${CONTAINER}.securityContext.capabilities.drop`,
        message: `capabilities.drop must include 'ALL', got ["NET_RAW"]`,
      },
      {
        rule: 'pss-capabilities',
        object: WEB,
        path: `${CONTAINER}.securityContext.capabilities.add[1]`,
        message: `capabilities.add may only hold 'NET_BIND_SERVICE', got "SYS_ADMIN"`,
      },
    ]);
  });

  test('passes if capabilities add only NET_BIND_SERVICE', () => {
    const report = checkChanged((get) => {
      webContainer(get).securityContext.capabilities.add = ['NET_BIND_SERVICE'];
    });
    expect(problems(report)).toEqual([]);
  });

  test('fails if no seccomp profile applies, or it is Unconfined', () => {
    const report = checkChanged((get) => {
      delete webPod(get).securityContext.seccompProfile;
      get('Job').spec.template.spec.securityContext.seccompProfile.type = 'Unconfined';
    });
    expect(problems(report)).toEqual([
      {
        rule: 'pss-seccomp',
        object: 'Job/shop/migrate',
        path: `${POD}.securityContext.seccompProfile.type`,
        message: "seccompProfile.type must be RuntimeDefault or Localhost, got 'Unconfined'",
      },
      {
        rule: 'pss-seccomp',
        object: WEB,
        path: `${CONTAINER}.securityContext.seccompProfile.type`,
        message:
          'seccompProfile.type must be RuntimeDefault or Localhost, in the pod or the container securityContext',
      },
    ]);
  });

  test('passes if the container sets a Localhost seccomp profile instead of the pod', () => {
    const report = checkChanged((get) => {
      delete webPod(get).securityContext.seccompProfile;
      webContainer(get).securityContext.seccompProfile = {
        type: 'Localhost',
        localhostProfile: 'profiles/web.json',
      };
    });
    expect(problems(report)).toEqual([]);
  });

  test('fails if a volume type is not allowed, and names hostPath apart', () => {
    const report = checkChanged((get) => {
      webPod(get).volumes.push(
        { name: 'git', gitRepo: { repository: 'https://example.com/r.git' } },
        { name: 'host', hostPath: { path: '/var/run' } },
      );
    });
    expect(problems(report)).toEqual([
      {
        rule: 'pss-volume-types',
        object: WEB,
        path: `${POD}.volumes[1].gitRepo`,
        message:
          "volume type 'gitRepo' is not allowed; use one of configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret",
      },
      {
        rule: 'pss-host-path',
        object: WEB,
        path: `${POD}.volumes[2].hostPath`,
        message: 'hostPath volumes are not allowed',
      },
    ]);
  });

  test('fails if the pod shares host namespaces or a container uses a host port', () => {
    const report = checkChanged((get) => {
      Object.assign(webPod(get), { hostNetwork: true, hostPID: true, hostIPC: true });
      webContainer(get).ports[0].hostPort = 8080;
    });
    expect(problems(report).map((p) => [p.rule, p.path, p.message])).toEqual([
      [
        'pss-host-namespaces',
        `${POD}.hostNetwork`,
        'hostNetwork must not be true: pods must not share host namespaces',
      ],
      [
        'pss-host-namespaces',
        `${POD}.hostPID`,
        'hostPID must not be true: pods must not share host namespaces',
      ],
      [
        'pss-host-namespaces',
        `${POD}.hostIPC`,
        'hostIPC must not be true: pods must not share host namespaces',
      ],
      ['pss-host-ports', `${CONTAINER}.ports[0].hostPort`, 'hostPort must not be set, got 8080'],
    ]);
  });

  test('fails if a container is privileged', () => {
    const report = checkChanged((get) => {
      webContainer(get).securityContext.privileged = true;
    });
    expect(problems(report)).toEqual([
      {
        rule: 'pss-privileged',
        object: WEB,
        path: `${CONTAINER}.securityContext.privileged`,
        message: 'privileged must not be true',
      },
    ]);
  });

  test('checks init containers and CronJob pod templates too', () => {
    const report = checkChanged((get) => {
      get('StatefulSet').spec.template.spec.initContainers[0].securityContext.privileged = true;
      get('CronJob').spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged =
        true;
    });
    expect(problems(report)).toEqual([
      expect.objectContaining({
        rule: 'pss-privileged',
        object: 'CronJob/shop/report',
        path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged',
      }),
      expect.objectContaining({
        rule: 'pss-privileged',
        object: 'StatefulSet/shop/db',
        path: `${POD}.initContainers[0].securityContext.privileged`,
      }),
    ]);
  });
});
