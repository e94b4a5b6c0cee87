import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { PropCheck } from './validation/prop-check';
import { DURATION, NUMBER, objectOf, optional, required } from './validation/shapes';

/** Scaling by a HorizontalPodAutoscaler (autoscaling/v2) instead of a fixed replica count. */
export interface AutoscalingProps {
  /**
   * The fewest pods.
   *
   * @default 2
   */
  readonly minReplicas?: number;
  /** The most pods (at most 1000). */
  readonly maxReplicas: number;
  /**
   * Target average CPU use, as a percentage of the containers' CPU requests.
   *
   * @default - 70 when no memory target is given, otherwise no CPU target
   */
  readonly targetCpuPercent?: number;
  /**
   * Target average memory use, as a percentage of the containers' memory requests.
   *
   * @default - no memory target
   */
  readonly targetMemoryPercent?: number;
  /**
   * How long the load must stay low before pods are removed, so bursts don't cause flapping.
   *
   * @default Duration.minutes(5)
   */
  readonly scaleDownStabilization?: Duration;
}

/** The runtime type of {@link AutoscalingProps}. */
export const AUTOSCALING = objectOf<AutoscalingProps>('autoscaling settings', {
  minReplicas: optional(NUMBER),
  maxReplicas: required(NUMBER),
  targetCpuPercent: optional(NUMBER),
  targetMemoryPercent: optional(NUMBER),
  scaleDownStabilization: optional(DURATION),
});

/** Checks autoscaling props and writes the HorizontalPodAutoscaler of a Deployment. */
export function renderAutoscaler(
  scope: Construct,
  options: {
    readonly check: PropCheck;
    readonly metadata: k8s.ObjectMeta;
    readonly props: AutoscalingProps;
  },
): k8s.KubeHorizontalPodAutoscalerV2 {
  const { check, metadata, props } = options;
  const minReplicas = props.minReplicas ?? 2;
  check.integer('autoscaling.minReplicas', minReplicas, 1, 1000);
  check.integer('autoscaling.maxReplicas', props.maxReplicas, 1, 1000);
  if (props.maxReplicas < minReplicas) {
    check.fail(
      'autoscaling.maxReplicas',
      props.maxReplicas,
      `at least minReplicas (${minReplicas})`,
    );
  }
  check.integer('autoscaling.targetCpuPercent', props.targetCpuPercent, 1, 100);
  check.integer('autoscaling.targetMemoryPercent', props.targetMemoryPercent, 1, 100);
  const stabilization = check.duration(
    'autoscaling.scaleDownStabilization',
    props.scaleDownStabilization,
    Duration.minutes(5),
    0,
    3600,
  );
  const targets: [string, number | undefined][] = [
    ['cpu', props.targetCpuPercent ?? (props.targetMemoryPercent === undefined ? 70 : undefined)],
    ['memory', props.targetMemoryPercent],
  ];
  return new k8s.KubeHorizontalPodAutoscalerV2(scope, 'HorizontalPodAutoscaler', {
    metadata,
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: metadata.name! },
      minReplicas,
      maxReplicas: props.maxReplicas,
      metrics: targets
        .filter(([, percent]) => percent !== undefined)
        .map(([name, percent]) => ({
          type: 'Resource',
          resource: { name, target: { type: 'Utilization', averageUtilization: percent } },
        })),
      behavior: { scaleDown: { stabilizationWindowSeconds: stabilization } },
    },
  });
}
