import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { WebAppIngressProps, routedPortNames } from './ingress';
import { NetworkPeer } from './network-peer';
import { CONTAINER_PORT_FIELDS, ContainerPort } from './ports';
import { PropCheck } from './validation/prop-check';
import { NUMBER, listOf, objectOf, optional } from './validation/shapes';
import type { Workload } from './workload';

/** How an app's Service is reached. */
export enum ServiceType {
  /** Inside the cluster only. */
  CLUSTER_IP = 'ClusterIP',
  /** Also on a port of every node (30000-32767), e.g. `minikube service`. */
  NODE_PORT = 'NodePort',
  /** Also through a cloud load balancer (`minikube tunnel` on Minikube). */
  LOAD_BALANCER = 'LoadBalancer',
}

/** A named port of the main container and of the Service in front of it. */
export interface WebAppPort extends ContainerPort {
  /**
   * The port of the Service.
   *
   * @default - the containerPort
   */
  readonly servicePort?: number;
  /**
   * A fixed node port (30000-32767) for NodePort and LoadBalancer Services.
   *
   * @default - Kubernetes picks a free one
   */
  readonly nodePort?: number;
}

/** The runtime type of a list of {@link WebAppPort}s. */
export const WEB_APP_PORTS = listOf(
  objectOf<WebAppPort>('port settings', {
    ...CONTAINER_PORT_FIELDS,
    servicePort: optional(NUMBER),
    nodePort: optional(NUMBER),
  }),
  "a list of ports such as [{ name: 'http', containerPort: 8080, servicePort: 80 }]",
);

/** The DNS name of a Service: fully qualified when its namespace is known. */
export function serviceHost(name: string, namespace?: string): string {
  return namespace ? `${name}.${namespace}.svc.cluster.local` : name;
}

/** What a Service is written from. */
export interface ServiceOptions {
  /** Checks and reports the props. */
  readonly check: PropCheck;
  /** The Service's name and labels. */
  readonly metadata: k8s.ObjectMeta;
  /** The labels of the pods it selects. */
  readonly selector: Record<string, string>;
  /** Its ports; each targets the container port of the same name. */
  readonly ports: readonly WebAppPort[];
  /** How it is reached. */
  readonly type: ServiceType;
}

/** Checks the ports and type of a Service and writes it; ports target container ports by name. */
export function renderService(scope: Construct, options: ServiceOptions): k8s.KubeService {
  const { check, ports, type } = options;
  check.oneOf('serviceType', type, Object.values(ServiceType));
  check.unique(
    'ports servicePort',
    ports.map((p) => String(p.servicePort ?? p.containerPort)),
  );
  const rendered = ports.map((port, i): k8s.ServicePort => {
    check.integer(`ports[${i}].servicePort`, port.servicePort, 1, 65535);
    if (port.nodePort !== undefined) {
      if (type === ServiceType.CLUSTER_IP) {
        check.fail(
          `ports[${i}].nodePort`,
          port.nodePort,
          'left out for a ClusterIP Service (use NodePort or LoadBalancer)',
        );
      }
      check.integer(`ports[${i}].nodePort`, port.nodePort, 30000, 32767);
    }
    return {
      name: port.name,
      port: port.servicePort ?? port.containerPort,
      targetPort: k8s.IntOrString.fromString(port.name),
      protocol: 'TCP',
      nodePort: port.nodePort,
    };
  });
  check.unique(
    'ports nodePort',
    ports.filter((p) => p.nodePort).map((p) => String(p.nodePort)),
  );
  return new k8s.KubeService(scope, 'Service', {
    metadata: options.metadata,
    spec: { type, selector: options.selector, ports: rendered },
  });
}

/**
 * Opens a workload's NetworkPolicy to the traffic its Service and Ingress bring: from anywhere
 * for NodePort and LoadBalancer Services, from the ingress controller on the routed ports.
 */
export function admitServiceTraffic(
  workload: Workload,
  ports: readonly WebAppPort[],
  type: ServiceType,
  ingress?: WebAppIngressProps,
): void {
  if (type !== ServiceType.CLUSTER_IP) workload.allowFrom(NetworkPeer.anywhere());
  if (!ingress) return;
  const routed = routedPortNames(
    ingress,
    ports.map((p) => p.name),
  );
  workload.allowFrom(
    ingress.controller ?? NetworkPeer.ingressController(),
    ports.filter((p) => routed.has(p.name)).map((p) => ({ port: p.containerPort })),
  );
}
