import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { PropCheck } from './check';
import { NetworkPeer } from './network-peer';

/** How an Ingress path matches request paths. */
export enum PathType {
  /** Matches the path and everything below it, element by element. */
  PREFIX = 'Prefix',
  /** Matches the path exactly. */
  EXACT = 'Exact',
  /** Matching is up to the IngressClass. */
  IMPLEMENTATION_SPECIFIC = 'ImplementationSpecific',
}

/** One path of an Ingress, routed to a port of the app's Service. */
export interface IngressPath {
  /** The request path; starts with '/'. */
  readonly path: string;
  /**
   * How the path matches.
   *
   * @default PathType.PREFIX
   */
  readonly pathType?: PathType;
  /**
   * The name of the Service port that receives the traffic.
   *
   * @default - the app's first port
   */
  readonly port?: string;
}

/** External HTTP(S) access to a WebApp through an Ingress. */
export interface WebAppIngressProps {
  /** The host names served (DNS-1123 subdomains, optionally with a leading '*.'). */
  readonly hosts: string[];
  /**
   * The paths routed to the app, on every host.
   *
   * @default - [{ path: '/' }]
   */
  readonly paths?: IngressPath[];
  /**
   * The IngressClass that implements the Ingress.
   *
   * @default - the cluster's default IngressClass
   */
  readonly ingressClassName?: string;
  /**
   * A Secret of type kubernetes.io/tls holding the certificate for every host; enables HTTPS.
   *
   * @default - plain HTTP
   */
  readonly tlsSecretName?: string;
  /**
   * Annotations for the ingress controller.
   *
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /**
   * The pods that forward Ingress traffic; the app's NetworkPolicy admits them.
   *
   * @default NetworkPeer.ingressController()
   */
  readonly controller?: NetworkPeer;
}

/** Checks Ingress props and writes the Ingress; every backend names `serviceName` and one of `portNames`. */
export function renderIngress(
  scope: Construct,
  check: PropCheck,
  metadata: k8s.ObjectMeta,
  serviceName: string,
  portNames: readonly string[],
  props: WebAppIngressProps,
): k8s.KubeIngress {
  if (props.hosts.length === 0) check.fail('ingress.hosts', props.hosts, 'at least one host');
  props.hosts.forEach((host, i) =>
    check.dnsSubdomain(`ingress.hosts[${i}]`, host.replace(/^\*\./, '')),
  );
  check.unique('ingress.hosts', props.hosts);
  if (props.ingressClassName !== undefined)
    check.dnsSubdomain('ingress.ingressClassName', props.ingressClassName);
  if (props.tlsSecretName !== undefined)
    check.dnsSubdomain('ingress.tlsSecretName', props.tlsSecretName);
  const paths = pathsOf(props);
  const rendered = paths.map((p, i): k8s.HttpIngressPath => {
    if (!p.path.startsWith('/'))
      check.fail(`ingress.paths[${i}].path`, p.path, "a path starting with '/'");
    const port = p.port ?? portNames[0];
    if (!portNames.includes(port)) {
      check.fail(
        `ingress.paths[${i}].port`,
        port,
        `a port of the app (${portNames.map((n) => `'${n}'`).join(', ')})`,
      );
    }
    return {
      path: p.path,
      pathType: p.pathType ?? PathType.PREFIX,
      backend: { service: { name: serviceName, port: { name: port } } },
    };
  });
  check.unique(
    'ingress.paths',
    paths.map((p) => p.path),
  );
  return new k8s.KubeIngress(scope, 'Ingress', {
    metadata: { ...metadata, annotations: props.annotations },
    spec: {
      ingressClassName: props.ingressClassName,
      tls: props.tlsSecretName
        ? [{ hosts: props.hosts, secretName: props.tlsSecretName }]
        : undefined,
      rules: props.hosts.map((host) => ({ host, http: { paths: rendered } })),
    },
  });
}

/** The paths of an Ingress, `/` when none are given. */
function pathsOf(props: WebAppIngressProps): readonly IngressPath[] {
  return props.paths ?? [{ path: '/' }];
}

/** The names of the app's ports that the Ingress routes to. */
export function routedPortNames(
  props: WebAppIngressProps,
  portNames: readonly string[],
): Set<string> {
  return new Set(pathsOf(props).map((p) => p.port ?? portNames[0]));
}
