import { POD, WEB, checkChanged, problems, webPod } from './helpers';

describe('reference integrity', () => {
  test('fails if a Service selects no pod template in its namespace', () => {
    const report = checkChanged((get) => {
      get('Service', 'web').spec.selector = { 'app.kubernetes.io/name': 'webb' };
    });
    expect(problems(report)).toEqual([
      {
        rule: 'service-selector',
        object: 'Service/shop/web',
        path: 'spec.selector',
        message: `selector {"app.kubernetes.io/name":"webb"} matches no pod template in namespace 'shop'`,
      },
    ]);
  });

  test('fails if a named targetPort is no container port of the selected pods', () => {
    const report = checkChanged((get) => {
      get('Service', 'web').spec.ports[0].targetPort = 'https';
    });
    expect(problems(report)).toEqual([
      {
        rule: 'service-target-port',
        object: 'Service/shop/web',
        path: 'spec.ports[0].targetPort',
        message: "targetPort 'https' is not the name of a container port of the selected pods",
      },
    ]);
  });

  test('fails if an Ingress backend names a missing Service or port', () => {
    const report = checkChanged((get) => {
      const ingress = get('Ingress');
      const path = ingress.spec.rules[0].http.paths[0];
      ingress.spec.rules[0].http.paths.push(
        {
          path: '/api',
          pathType: 'Prefix',
          backend: { service: { name: 'api', port: { number: 80 } } },
        },
        {
          path: '/n',
          pathType: 'Prefix',
          backend: { service: { name: 'web', port: { number: 8080 } } },
        },
      );
      path.backend.service.port = { name: 'metrics' };
    });
    expect(problems(report)).toEqual([
      {
        rule: 'ingress-backend',
        object: 'Ingress/shop/web',
        path: 'spec.rules[0].http.paths[0].backend.service.port.name',
        message: "Service 'web' has no port named 'metrics'",
      },
      {
        rule: 'ingress-backend',
        object: 'Ingress/shop/web',
        path: 'spec.rules[0].http.paths[1].backend.service.name',
        message: "Service 'api' is not defined in namespace 'shop'",
      },
      {
        rule: 'ingress-backend',
        object: 'Ingress/shop/web',
        path: 'spec.rules[0].http.paths[2].backend.service.port.number',
        message: "Service 'web' has no port 8080",
      },
    ]);
  });

  test('passes if an Ingress backend names the Service port by number', () => {
    const report = checkChanged((get) => {
      get('Ingress').spec.rules[0].http.paths[0].backend.service.port = { number: 80 };
    });
    expect(problems(report)).toEqual([]);
  });

  test('fails if an HPA scales an object that is not defined', () => {
    const report = checkChanged((get) => {
      get('HorizontalPodAutoscaler').spec.scaleTargetRef.kind = 'StatefulSet';
    });
    expect(problems(report)).toContainEqual({
      rule: 'hpa-target',
      object: 'HorizontalPodAutoscaler/shop/web',
      path: 'spec.scaleTargetRef',
      message: "scale target StatefulSet/web (apps/v1) is not defined in namespace 'shop'",
    });
  });

  test('fails if a PodDisruptionBudget selects no pod template', () => {
    const report = checkChanged((get) => {
      get('PodDisruptionBudget').spec.selector = {
        matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['api'] }],
      };
    });
    expect(problems(report)).toEqual([
      expect.objectContaining({ rule: 'pdb-required', object: WEB }),
      {
        rule: 'pdb-selector',
        object: 'PodDisruptionBudget/shop/web',
        path: 'spec.selector',
        message: "selector matches no pod template in namespace 'shop'",
      },
    ]);
  });

  test('fails if an object is defined twice', () => {
    const report = checkChanged((get, docs) => {
      docs.push({ file: 'extra.yaml', doc: structuredClone(get('Service', 'web')) });
    });
    expect(problems(report)).toEqual([
      {
        rule: 'duplicate-object',
        object: 'Service/shop/web',
        path: 'metadata.name',
        message: 'Service/shop/web is already defined in web.yaml',
      },
    ]);
  });

  test('tells objects of other namespaces apart', () => {
    const report = checkChanged((get, docs) => {
      const copy = structuredClone(get('Service', 'web'));
      copy.metadata.namespace = 'other';
      docs.push({ file: 'other.yaml', doc: copy });
    });
    expect(problems(report)).toEqual([
      expect.objectContaining({
        rule: 'service-selector',
        object: 'Service/other/web',
        message: expect.stringContaining("in namespace 'other'"),
      }),
    ]);
  });

  test('warns if a pod template names a ServiceAccount that is not defined', () => {
    const report = checkChanged((get) => {
      webPod(get).serviceAccountName = 'web-sa';
    });
    expect(report.errors).toBe(0);
    expect(report.warnings).toBe(1);
    expect(report.findings).toEqual([
      {
        file: 'web.yaml',
        object: WEB,
        path: `${POD}.serviceAccountName`,
        rule: 'service-account-ref',
        severity: 'warning',
        message: "ServiceAccount 'web-sa' is not defined in namespace 'shop' by these manifests",
      },
    ]);
  });
});
