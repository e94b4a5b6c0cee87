import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { PropCheck } from './check';

/** How many pods a voluntary disruption (a node drain) may take down at once. Give one of the two. */
export interface DisruptionBudgetProps {
  /**
   * Pods that may be unavailable at once.
   *
   * @default 1 (when minAvailable is not given)
   */
  readonly maxUnavailable?: number;
  /**
   * Pods that must stay available.
   *
   * @default - not set; maxUnavailable applies
   */
  readonly minAvailable?: number;
}

/**
 * Checks the budget against the fewest pods that run: a budget that would block every eviction
 * (a drain could never finish) is refused.
 */
function checkDisruptionBudget(
  check: PropCheck,
  fewestPods: number,
  props: DisruptionBudgetProps = {},
): void {
  if (props.maxUnavailable !== undefined && props.minAvailable !== undefined) {
    check.fail('disruptionBudget', props, 'either maxUnavailable or minAvailable, not both');
  }
  check.integer('disruptionBudget.maxUnavailable', props.maxUnavailable, 1, 1000);
  const min = props.minAvailable;
  if (min !== undefined && (!Number.isInteger(min) || min < 0 || min >= fewestPods)) {
    check.fail(
      'disruptionBudget.minAvailable',
      min,
      `an integer from 0 to ${fewestPods - 1}: with as few as ${fewestPods} pods a larger value blocks every eviction`,
    );
  }
}

/**
 * Checks the budget (see {@link checkDisruptionBudget}) and, when more than one pod may run,
 * writes the PodDisruptionBudget. A single pod gets none, but its props are still checked, so a
 * bad value is never silently ignored.
 */
export function renderDisruptionBudget(
  scope: Construct,
  check: PropCheck,
  metadata: k8s.ObjectMeta,
  selector: Record<string, string>,
  pods: { readonly fewest: number; readonly replicated: boolean },
  props: DisruptionBudgetProps = {},
): k8s.KubePodDisruptionBudget | undefined {
  checkDisruptionBudget(check, pods.fewest, props);
  if (!pods.replicated) return undefined;
  const budget =
    props.minAvailable === undefined
      ? { maxUnavailable: k8s.IntOrString.fromNumber(props.maxUnavailable ?? 1) }
      : { minAvailable: k8s.IntOrString.fromNumber(props.minAvailable) };
  return new k8s.KubePodDisruptionBudget(scope, 'PodDisruptionBudget', {
    metadata,
    spec: { selector: { matchLabels: selector }, ...budget },
  });
}
