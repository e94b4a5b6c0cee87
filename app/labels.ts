/** The application every object of the example belongs to (`app.kubernetes.io/part-of`). */
export const PART_OF = 'stock-trader';

/**
 * The recommended `app.kubernetes.io/*` labels of an object that is not a workload (the
 * Namespace, a ConfigMap), in the shape the workloads write theirs: `name` is the workload the
 * object belongs to, so `kubectl get all,configmaps -l app.kubernetes.io/name=migrate` shows the
 * Job with its script.
 *
 * @param name the workload (or, for the Namespace, the application) the object belongs to
 * @param component its role: web, api, migration, report; none for the Namespace
 */
export function appLabels(name: string, component?: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    ...(component === undefined ? {} : { 'app.kubernetes.io/component': component }),
    'app.kubernetes.io/part-of': PART_OF,
    'app.kubernetes.io/managed-by': 'cdk8s',
  };
}
