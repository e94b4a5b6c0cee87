import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { PART_OF, appLabels } from './labels';

/**
 * The environment's Namespace, first in `dist/` so that `kubectl apply -f dist` creates it before
 * anything in it. Pod Security admission enforces the "restricted" standard on every pod.
 */
export class NamespaceChart extends Chart {
  public constructor(scope: Construct, id: string, namespace: string) {
    super(scope, id, { disableResourceNameHashes: true });
    new k8s.KubeNamespace(this, 'Namespace', {
      metadata: {
        name: namespace,
        labels: {
          ...appLabels(PART_OF),
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'v1.27',
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
        },
      },
    });
  }
}
