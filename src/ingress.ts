import { isIPv4 } from 'net';
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { NetworkPeer } from './network-peer';
import { checkAnnotations } from './validation/annotations';
import { DNS_SUBDOMAIN_NAME, Grammar } from '../model/names';
import { PropCheck } from './validation/prop-check';
import {
  STRING,
  instanceOf,
  listOf,
  mapOf,
  objectOf,
  oneOf,
  optional,
  required,
} from './validation/shapes';

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
  /** The host names served (DNS-1123 subdomains, optionally with a leading '*.'; no IP addresses). */
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
   * Annotations for the ingress controller (qualified names as keys).
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

/** The runtime type of {@link WebAppIngressProps}. */
export const INGRESS = objectOf<WebAppIngressProps>('ingress settings', {
  hosts: required(listOf(STRING, "a list of host names such as ['shop.example.com']")),
  paths: optional(
    listOf(
      objectOf<IngressPath>('ingress path settings', {
        path: required(STRING),
        pathType: optional(oneOf(Object.values(PathType))),
        port: optional(STRING),
      }),
      "a list of paths such as [{ path: '/' }]",
    ),
  ),
  ingressClassName: optional(STRING),
  tlsSecretName: optional(STRING),
  annotations: optional(
    mapOf(STRING, "annotations such as { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' }"),
  ),
  controller: optional(
    instanceOf(NetworkPeer, 'a NetworkPeer, such as NetworkPeer.ingressController()'),
  ),
});

/**
 * An Ingress host as Kubernetes 1.27 takes it (ValidateIngressSpec in
 * pkg/apis/networking/validation): a DNS-1123 subdomain, or one with a single leading `*.`
 * wildcard label, and never an IP address. (Only IPv4 needs a test of its own: an IPv6 address
 * holds ':', which no DNS name does; and `net.isIP` would compile Node's IPv6 pattern, 8 ms.)
 */
const INGRESS_HOST: Grammar = {
  allowed:
    "a host name (a DNS-1123 subdomain, optionally with one leading '*.' label), not an IP address",
  test: (host) =>
    !isIPv4(host) && DNS_SUBDOMAIN_NAME.test(host.startsWith('*.') ? host.slice(2) : host),
};

/**
 * An Ingress path as Kubernetes 1.27 takes it (validateHTTPIngressRuleValue): absolute, and for
 * the Exact and Prefix types free of `//`, `/./`, `/../` and `%2f`, and not ending in `/.` or
 * `/..`.
 */
function ingressPath(pathType: PathType): Grammar {
  if (pathType === PathType.IMPLEMENTATION_SPECIFIC) {
    return { allowed: "a path starting with '/'", test: (p) => p.startsWith('/') };
  }
  return {
    allowed:
      "a path starting with '/', without '//', '/./', '/../' or '%2f', not ending in '/.' or '/..'",
    test: (p) =>
      p.startsWith('/') &&
      !['//', '/./', '/../', '%2f', '%2F'].some((s) => p.includes(s)) &&
      !p.endsWith('/.') &&
      !p.endsWith('/..'),
  };
}

/** What an Ingress is written from. */
export interface IngressOptions {
  /** Checks and reports the props. */
  readonly check: PropCheck;
  /** The Ingress's name and labels. */
  readonly metadata: k8s.ObjectMeta;
  /** The Service every backend names. */
  readonly serviceName: string;
  /** The names of the Service's ports, the first one the default. */
  readonly portNames: readonly string[];
  /** The ingress props. */
  readonly props: WebAppIngressProps;
}

/** Checks Ingress props and writes the Ingress; every backend names the Service and one of its ports. */
export function renderIngress(scope: Construct, options: IngressOptions): k8s.KubeIngress {
  const { check, props, portNames } = options;
  if (props.hosts.length === 0) check.fail('ingress.hosts', props.hosts, 'at least one host');
  props.hosts.forEach((host, i) => check.grammar(`ingress.hosts[${i}]`, host, INGRESS_HOST));
  check.unique('ingress.hosts', props.hosts);
  check.grammar('ingress.ingressClassName', props.ingressClassName, DNS_SUBDOMAIN_NAME);
  check.grammar('ingress.tlsSecretName', props.tlsSecretName, DNS_SUBDOMAIN_NAME);
  checkAnnotations(check, 'ingress.annotations', props.annotations ?? {});
  const paths = pathsOf(props);
  const rendered = paths.map((p, i): k8s.HttpIngressPath => {
    const pathType = p.pathType ?? PathType.PREFIX;
    check.grammar(`ingress.paths[${i}].path`, p.path, ingressPath(pathType));
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
      pathType,
      backend: { service: { name: options.serviceName, port: { name: port } } },
    };
  });
  check.unique(
    'ingress.paths',
    paths.map((p) => p.path),
  );
  return new k8s.KubeIngress(scope, 'Ingress', {
    metadata: { ...options.metadata, annotations: props.annotations && { ...props.annotations } },
    spec: {
      ingressClassName: props.ingressClassName,
      tls: props.tlsSecretName
        ? [{ hosts: [...props.hosts], secretName: props.tlsSecretName }]
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
