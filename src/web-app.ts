import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { AUTOSCALING, AutoscalingProps, renderAutoscaler } from './autoscaling';
import { PROBE } from './container';
import {
  DISRUPTION_BUDGET,
  DisruptionBudgetProps,
  renderDisruptionBudget,
} from './disruption-budget';
import { INGRESS, WebAppIngressProps, renderIngress } from './ingress';
import { Probe } from './probe';
import {
  ServiceType,
  WEB_APP_PORTS,
  WebAppPort,
  admitServiceTraffic,
  renderService,
  serviceHost,
} from './service';
import { checkAnnotations } from './validation/annotations';
import {
  DURATION,
  Fields,
  NUMBER,
  STRING,
  listOf,
  objectOf,
  oneOf,
  optional,
} from './validation/shapes';
import { Workload } from './workload';
import { WORKLOAD_FIELDS, WorkloadKind, WorkloadProps } from './workload-props';

/** How a new version replaces the old one. */
export interface RollingUpdateProps {
  /**
   * Pods created above the desired count during an update.
   *
   * @default 1
   */
  readonly maxSurge?: number;
  /**
   * Pods that may be unavailable during an update: 0 keeps full capacity.
   *
   * @default 0
   */
  readonly maxUnavailable?: number;
}

/** Props of a {@link WebApp}. */
export interface WebAppProps extends WorkloadProps {
  /**
   * Ports of the main container, each exposed by the Service under the same name.
   *
   * @default - [{ name: 'http', containerPort: 8080 }]
   */
  readonly ports?: WebAppPort[];
  /**
   * Whether a pod may receive traffic; it leaves the Service while this fails.
   *
   * @default Probe.httpGet('/')
   */
  readonly readiness?: Probe;
  /**
   * Whether the container is alive; it is restarted when this fails. Must differ from readiness.
   *
   * @default Probe.tcp()
   */
  readonly liveness?: Probe;
  /**
   * Holds readiness and liveness back until a slow start has finished.
   *
   * @default - no startup probe
   */
  readonly startup?: Probe;
  /**
   * A command run before the container is stopped, e.g. to drain connections.
   *
   * @default - none
   */
  readonly preStop?: string[];
  /**
   * A fixed number of pods. Not with `autoscaling`.
   *
   * @default 2 (when autoscaling is not set)
   */
  readonly replicas?: number;
  /**
   * Scale with a HorizontalPodAutoscaler instead of a fixed count. Not with `replicas`.
   *
   * @default - no autoscaling; the replica count is fixed
   */
  readonly autoscaling?: AutoscalingProps;
  /**
   * The PodDisruptionBudget, written whenever two or more pods may run or autoscaling is set.
   *
   * @default - { maxUnavailable: 1 }
   */
  readonly disruptionBudget?: DisruptionBudgetProps;
  /**
   * How the Service is reached.
   *
   * @default ServiceType.CLUSTER_IP
   */
  readonly serviceType?: ServiceType;
  /**
   * External HTTP(S) access through an Ingress.
   *
   * @default - no Ingress
   */
  readonly ingress?: WebAppIngressProps;
  /**
   * The rolling-update strategy.
   *
   * @default - { maxSurge: 1, maxUnavailable: 0 }: zero downtime
   */
  readonly rollingUpdate?: RollingUpdateProps;
  /**
   * Old ReplicaSets kept for `kubectl rollout undo`.
   *
   * @default 10
   */
  readonly revisionHistoryLimit?: number;
  /**
   * How long a new pod must be ready before it counts as available.
   *
   * @default Duration.seconds(0)
   */
  readonly minReady?: Duration;
  /**
   * How long a rollout may make no progress before it is reported as failed; longer than
   * `minReady`.
   *
   * @default - Duration.seconds(600), or one second more than `minReady` when that is longer
   */
  readonly progressDeadline?: Duration;
  /**
   * Why this version is deployed, shown by `kubectl rollout history`
   * (the `kubernetes.io/change-cause` annotation).
   *
   * @default - no change cause
   */
  readonly changeCause?: string;
}

/** The runtime types of the props a WebApp and a BlueGreenWebApp share. */
export const WEB_APP_FIELDS: Fields<WebAppProps> = {
  ...WORKLOAD_FIELDS,
  ports: optional(WEB_APP_PORTS),
  readiness: optional(PROBE),
  liveness: optional(PROBE),
  startup: optional(PROBE),
  preStop: optional(listOf(STRING)),
  replicas: optional(NUMBER),
  autoscaling: optional(AUTOSCALING),
  disruptionBudget: optional(DISRUPTION_BUDGET),
  serviceType: optional(oneOf(Object.values(ServiceType))),
  ingress: optional(INGRESS),
  rollingUpdate: optional(
    objectOf<RollingUpdateProps>('rolling update settings', {
      maxSurge: optional(NUMBER),
      maxUnavailable: optional(NUMBER),
    }),
  ),
  revisionHistoryLimit: optional(NUMBER),
  minReady: optional(DURATION),
  progressDeadline: optional(DURATION),
  changeCause: optional(STRING),
};

/** The ports of a WebApp that declares none. */
export const DEFAULT_WEB_PORTS: readonly WebAppPort[] = [{ name: 'http', containerPort: 8080 }];
/** The component label of a WebApp that names none. */
export const WEB_COMPONENT = 'web';

/**
 * A production-grade web service: a Deployment (rolling updates, revision history) of hardened
 * pods, a Service, and optionally an Ingress, a HorizontalPodAutoscaler and a PodDisruptionBudget,
 * with a dedicated ServiceAccount and a default-deny NetworkPolicy.
 *
 * @example
 * new WebApp(chart, 'web', {
 *   image: 'nginxinc/nginx-unprivileged:1.27-alpine',
 *   writablePaths: ['/tmp'],
 *   ingress: { hosts: ['web.example.com'], ingressClassName: 'nginx' },
 * });
 */
export class WebApp extends Workload<WebAppProps> {
  /** The Deployment (escape hatch). */
  public readonly deployment: k8s.KubeDeployment;
  /** The Service in front of the pods (escape hatch). */
  public readonly service: k8s.KubeService;
  /** The Ingress, if `ingress` was given (escape hatch). */
  public readonly ingress?: k8s.KubeIngress;
  /** The HorizontalPodAutoscaler, if `autoscaling` was given (escape hatch). */
  public readonly autoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** The PodDisruptionBudget, if two or more pods may run or autoscaling is set (escape hatch). */
  public readonly disruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The in-cluster DNS name of the Service. */
  public readonly serviceHost: string;
  /** The Service ports by name. */
  public readonly servicePorts: Readonly<Record<string, number>>;

  public constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id, props, WEB_APP_KIND);
    const ports = props.ports ?? DEFAULT_WEB_PORTS;
    if (props.replicas !== undefined && props.autoscaling !== undefined) {
      this.check.fail(
        'replicas',
        props.replicas,
        'left out when autoscaling is set (the autoscaler owns the count)',
      );
    }
    this.check.integer('replicas', props.replicas, 1, 1000);
    this.check.integer('revisionHistoryLimit', props.revisionHistoryLimit, 0, 100);
    this.check.integer('rollingUpdate.maxSurge', props.rollingUpdate?.maxSurge, 0, 1000);
    this.check.integer(
      'rollingUpdate.maxUnavailable',
      props.rollingUpdate?.maxUnavailable,
      0,
      1000,
    );
    const maxSurge = props.rollingUpdate?.maxSurge ?? 1;
    const maxUnavailable = props.rollingUpdate?.maxUnavailable ?? 0;
    if (maxSurge === 0 && maxUnavailable === 0) {
      this.check.fail(
        'rollingUpdate',
        props.rollingUpdate,
        'a maxSurge or maxUnavailable above 0, or no rollout could progress',
      );
    }
    const minReadySeconds = this.check.duration(
      'minReady',
      props.minReady,
      Duration.seconds(0),
      0,
      3600,
    );
    // Kubernetes refuses a progress deadline that a new pod's minReady alone could exhaust.
    const progressDeadlineSeconds = this.check.duration(
      'progressDeadline',
      props.progressDeadline,
      Duration.seconds(Math.max(600, minReadySeconds + 1)),
      minReadySeconds + 1,
      86400,
    );
    const replicas = props.autoscaling ? undefined : (props.replicas ?? 2);
    const fewestPods = replicas ?? props.autoscaling?.minReplicas ?? 2;
    // Autoscaled counts as replicated, as for kube-score and the gate, even with maxReplicas 1.
    const replicated = props.autoscaling !== undefined || fewestPods > 1;

    this.autoscaler =
      props.autoscaling &&
      renderAutoscaler(this, {
        check: this.check,
        metadata: this.metadata(),
        props: props.autoscaling,
      });
    const annotations = props.changeCause
      ? { 'kubernetes.io/change-cause': props.changeCause }
      : undefined;
    checkAnnotations(this.check, 'changeCause', annotations ?? {});
    this.deployment = new k8s.KubeDeployment(this, 'Deployment', {
      metadata: this.metadata({ annotations }),
      spec: {
        replicas,
        selector: { matchLabels: this.selector },
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: {
            maxSurge: k8s.IntOrString.fromNumber(maxSurge),
            maxUnavailable: k8s.IntOrString.fromNumber(maxUnavailable),
          },
        },
        revisionHistoryLimit: props.revisionHistoryLimit ?? 10,
        minReadySeconds,
        progressDeadlineSeconds,
        template: this.podTemplate({
          affinity: replicated ? this.spreadAcrossNodes() : undefined,
        }),
      },
    });
    this.disruptionBudget = renderDisruptionBudget(this, {
      check: this.check,
      metadata: this.metadata(),
      selector: this.selector,
      fewestPods,
      replicated,
      props: props.disruptionBudget,
    });

    const serviceType = props.serviceType ?? ServiceType.CLUSTER_IP;
    this.service = renderService(this, {
      check: this.check,
      metadata: this.metadata(),
      selector: this.selector,
      ports,
      type: serviceType,
    });
    this.serviceHost = serviceHost(this.name, this.namespace);
    this.servicePorts = Object.freeze(
      Object.fromEntries(ports.map((p) => [p.name, p.servicePort ?? p.containerPort])),
    );
    if (props.ingress) {
      this.ingress = renderIngress(this, {
        check: this.check,
        metadata: this.metadata(),
        serviceName: this.name,
        portNames: ports.map((p) => p.name),
        props: props.ingress,
      });
    }
    admitServiceTraffic(this, ports, serviceType, props.ingress);
  }
}

/** How a WebApp describes itself to its base. */
const WEB_APP_KIND: WorkloadKind<WebAppProps> = {
  kind: 'WebApp',
  props: objectOf<WebAppProps>('WebApp props', WEB_APP_FIELDS),
  defaultComponent: WEB_COMPONENT,
  maxNameLength: 63,
  serving: (props) => ({
    ports: props.ports ?? DEFAULT_WEB_PORTS,
    readiness: props.readiness ?? Probe.httpGet('/'),
    liveness: props.liveness ?? Probe.tcp(),
    startup: props.startup,
    preStop: props.preStop,
  }),
};
