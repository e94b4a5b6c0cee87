import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { PropCheck } from './validation/prop-check';
import { NUMBER, objectOf, optional } from './validation/shapes';

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

/** The runtime type of {@link DisruptionBudgetProps}. */
export const DISRUPTION_BUDGET = objectOf<DisruptionBudgetProps>('disruption budget settings', {
  maxUnavailable: optional(NUMBER),
  minAvailable: optional(NUMBER),
});

/** What a PodDisruptionBudget is written from. */
export interface DisruptionBudgetOptions {
  /** Checks and reports the props. */
  readonly check: PropCheck;
  /** The budget's name and labels. */
  readonly metadata: k8s.ObjectMeta;
  /** The labels of the pods it protects. */
  readonly selector: Record<string, string>;
  /** The fewest pods that run. */
  readonly fewestPods: number;
  /** Whether more than one pod may run (only then is a budget written). */
  readonly replicated: boolean;
  /** The user's budget. */
  readonly props?: DisruptionBudgetProps;
}

/**
 * Checks the budget against the fewest pods that run (a budget that would block every eviction,
 * so that a drain could never finish, is refused) and, when more than one pod may run, writes the
 * PodDisruptionBudget. A single pod gets none, but its props are still checked, so a bad value is
 * never silently ignored.
 */
export function renderDisruptionBudget(
  scope: Construct,
  options: DisruptionBudgetOptions,
): k8s.KubePodDisruptionBudget | undefined {
  const { check, fewestPods, props = {} } = options;
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
  if (!options.replicated) return undefined;
  const budget =
    props.minAvailable === undefined
      ? { maxUnavailable: k8s.IntOrString.fromNumber(props.maxUnavailable ?? 1) }
      : { minAvailable: k8s.IntOrString.fromNumber(props.minAvailable) };
  return new k8s.KubePodDisruptionBudget(scope, 'PodDisruptionBudget', {
    metadata: options.metadata,
    spec: { selector: { matchLabels: options.selector }, ...budget },
  });
}
