import { Construct } from 'constructs';
import { DeployOrder } from './deploy-order';
import type * as kplus from 'cdk8s-plus-27';
import * as k8s from '../imports/k8s';
import { CONTAINER_FIELDS } from './container';
import { EnvValue } from './env';
import { renderIngress } from './ingress';
import { NAME_LABEL, recommendedLabels } from './labels';
import { claimName } from './name-registry';
import { ConnectTarget } from './connections';
import { podSelectorConfig } from './kplus-interop';
import { NetworkPort, OwnPods, Peer } from './network-peer';
import { ServiceType, admitServiceTraffic, renderService } from './service';
import { PropCheck } from './validation/prop-check';
import { STRING, objectOf, oneOf, optional, required } from './validation/shapes';
import { DEFAULT_WEB_PORTS, WEB_APP_FIELDS, WEB_COMPONENT, WebApp, WebAppProps } from './web-app';

/** The two releases of a blue/green pair. */
export enum Color {
  /** The blue release. */
  BLUE = 'blue',
  /** The green release. */
  GREEN = 'green',
}

/** What differs between the two releases. */
export interface ReleaseProps {
  /** The image of this release, pinned by a tag other than `latest` or by a digest. */
  readonly image: string;
  /**
   * Why this release is deployed (`kubernetes.io/change-cause`, shown by `kubectl rollout history`).
   *
   * @default - no change cause
   */
  readonly changeCause?: string;
  /**
   * Environment variables of this release, added to the shared ones.
   *
   * @default - only the shared ones
   */
  readonly env?: Record<string, EnvValue>;
}

/** Props of a {@link BlueGreenWebApp}: the shared WebApp settings and the two releases. */
export interface BlueGreenWebAppProps extends Omit<WebAppProps, 'image' | 'changeCause'> {
  /** The blue release. */
  readonly blue: ReleaseProps;
  /** The green release. */
  readonly green: ReleaseProps;
  /** The release that receives the traffic of the live Service and the Ingress. */
  readonly active: Color;
}

const RELEASE = objectOf<ReleaseProps>('release settings', {
  image: required(STRING),
  changeCause: optional(STRING),
  env: CONTAINER_FIELDS.env,
});

/** The runtime type of {@link BlueGreenWebAppProps}. */
const BLUE_GREEN_PROPS = (() => {
  const { image, changeCause, ...shared } = WEB_APP_FIELDS;
  return objectOf<BlueGreenWebAppProps>('BlueGreenWebApp props', {
    ...shared,
    blue: required(RELEASE),
    green: required(RELEASE),
    active: required(oneOf(Object.values(Color))),
  });
})();

/**
 * Two releases of one web app side by side: `<name>-blue` and `<name>-green`, each a full
 * {@link WebApp} with its own Deployment and a ClusterIP Service for testing it directly. The
 * live Service `<name>` (and the Ingress) select only the `active` color, so switching traffic,
 * and rolling back, is one prop and one `kubectl apply`, with both releases already running.
 */
export class BlueGreenWebApp
  extends Construct
  implements kplus.INetworkPolicyPeer, kplus.IPodSelector, ConnectTarget
{
  /** The blue release. */
  public readonly blue: WebApp;
  /** The green release. */
  public readonly green: WebApp;
  /** The release that receives the traffic. */
  public readonly active: WebApp;
  /** The live Service, selecting the active release (escape hatch). */
  public readonly service: k8s.KubeService;
  /** The Ingress to the live Service, if `ingress` was given (escape hatch). */
  public readonly ingress?: k8s.KubeIngress;
  /** The name of the live Service. */
  public readonly name: string;

  public constructor(scope: Construct, id: string, props: BlueGreenWebAppProps) {
    const check = PropCheck.forConstruct('BlueGreenWebApp', scope, id);
    check.shape('', props, BLUE_GREEN_PROPS);
    super(scope, id);
    this.name = props.name ?? id;
    check.dns1035Label('name', this.name, 57);
    claimName(check, this, this.name);
    const { blue, green, active, ...shared } = props;
    const ports = props.ports ?? DEFAULT_WEB_PORTS;
    const release = (color: Color, release: ReleaseProps) =>
      new WebApp(this, color, {
        ...shared,
        ...release,
        env: { ...props.env, ...release.env },
        name: `${this.name}-${color}`,
        ports: ports.map((p) => ({ ...p, nodePort: undefined })),
        serviceType: ServiceType.CLUSTER_IP,
        ingress: undefined,
      });
    this.blue = release(Color.BLUE, blue);
    this.green = release(Color.GREEN, green);
    this.active = active === Color.BLUE ? this.blue : this.green;

    const metadata = { name: this.name, labels: this.labels(props) };
    const serviceType = props.serviceType ?? ServiceType.CLUSTER_IP;
    this.service = renderService(this, {
      check,
      metadata,
      selector: this.active.selector,
      ports,
      type: serviceType,
    });
    if (props.ingress) {
      this.ingress = renderIngress(this, {
        check,
        metadata,
        serviceName: this.name,
        portNames: ports.map((p) => p.name),
        props: props.ingress,
      });
    }
    for (const app of [this.blue, this.green])
      admitServiceTraffic(app, ports, serviceType, props.ingress);
  }

  /**
   * Lets both releases reach another workload or pods (writing both sides of the NetworkPolicies;
   * see `Workload.connectTo`). The whole pair is deployed after the target is ready.
   *
   * @param ports the target's ports opened; default: every port of its main container
   */
  public connectTo(target: Peer, ports?: readonly NetworkPort[]): void {
    this.releases.forEach((release) => release.connectTo(target, ports));
    if (Construct.isConstruct(target)) DeployOrder.of(this).addAfter(this, target);
  }

  /**
   * Admits traffic from a peer to both releases (see `Workload.allowFrom`).
   *
   * @param ports the ports opened; default: every port of the main container
   */
  public allowFrom(peer: Peer, ports?: readonly NetworkPort[]): void {
    this.releases.forEach((release) => release.allowFrom(peer, ports));
  }

  /**
   * Lets both releases open connections to a peer (see `Workload.allowTo`).
   *
   * @param ports the ports opened; default: every port
   */
  public allowTo(peer: Peer, ports?: readonly NetworkPort[]): void {
    this.releases.forEach((release) => release.allowTo(peer, ports));
  }

  /** @internal */
  public _peersFrom(namespace: string | undefined): k8s.NetworkPolicyPeer[] {
    return this.releases.flatMap((release) => release._peersFrom(namespace));
  }

  /** @internal */
  public _defaultPorts(): readonly NetworkPort[] {
    return this.blue._defaultPorts();
  }

  /** @internal */
  public _admit(client: OwnPods, ports: readonly NetworkPort[]): void {
    this.releases.forEach((release) => release._admit(client, ports));
  }

  /** As a cdk8s-plus network policy peer: the pods of both releases. */
  public toNetworkPolicyPeerConfig(): kplus.NetworkPolicyPeerConfig {
    return { podSelector: this.toPodSelectorConfig() };
  }

  /** As a cdk8s-plus network policy peer: the selector of both releases' pods. */
  public toPodSelector(): kplus.IPodSelector {
    return this;
  }

  /** As a cdk8s-plus pod selector: the pods of both releases, in the chart's namespace. */
  public toPodSelectorConfig(): kplus.PodSelectorConfig {
    const { [NAME_LABEL]: _name, ...common } = this.blue.selector;
    return podSelectorConfig(common, this.blue.namespace, {
      key: NAME_LABEL,
      values: this.releases.map((release) => release.name),
    });
  }

  private get releases(): readonly WebApp[] {
    return [this.blue, this.green];
  }

  /** The live side's labels: no version, as it serves whichever release is active. */
  private labels(props: BlueGreenWebAppProps): Record<string, string> {
    return recommendedLabels({
      name: this.name,
      component: props.component ?? WEB_COMPONENT,
      partOf: props.partOf,
    });
  }
}
