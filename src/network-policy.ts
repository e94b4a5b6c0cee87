import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { DNS_EGRESS, NETWORK_PORTS, NetworkPort, kubePeers, renderPorts } from './network-peer';
import { PORT_NAME } from '../model/names';
import { PropCheck } from './validation/prop-check';

/**
 * The rules of a workload's default-deny NetworkPolicy: DNS egress always, and what `allowFrom`,
 * `allowTo` and `connectTo` add. The policy is rendered lazily, so rules added after construction
 * count.
 */
export class PolicyRules {
  private readonly ingress: k8s.NetworkPolicyIngressRule[] = [];
  private readonly egress: k8s.NetworkPolicyEgressRule[] = [DNS_EGRESS];

  /**
   * @param check reports bad peers and ports against the workload
   * @param namespace the workload's namespace, where the policy lives
   */
  public constructor(
    private readonly check: PropCheck,
    private readonly namespace: string | undefined,
  ) {}

  /** Admits traffic from a peer on the given ports (at least one: none would open every port). */
  public allowFrom(method: string, peer: unknown, ports: unknown): void {
    const checked = this.checkedPorts(method, ports);
    if (checked.length === 0) this.check.fail(`${method} ports`, [], 'at least one port');
    this.ingress.push({ from: this.checkedPeer(method, peer), ports: renderPorts(checked) });
  }

  /** Lets the pods open connections to a peer, on the given ports or on all of them. */
  public allowTo(method: string, peer: unknown, ports: unknown): void {
    const checked = ports === undefined ? undefined : this.checkedPorts(method, ports);
    this.egress.push({ to: this.checkedPeer(method, peer), ports: renderPorts(checked) });
  }

  /** Writes the NetworkPolicy that selects the workload's pods. */
  public render(
    scope: Construct,
    metadata: k8s.ObjectMeta,
    selector: Record<string, string>,
  ): k8s.KubeNetworkPolicy {
    return new k8s.KubeNetworkPolicy(scope, 'NetworkPolicy', {
      metadata,
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ['Ingress', 'Egress'],
        ingress: Lazy.any({ produce: () => (this.ingress.length ? this.ingress : undefined) }),
        egress: Lazy.any({ produce: () => this.egress }),
      },
    });
  }

  private checkedPeer(method: string, peer: unknown): k8s.NetworkPolicyPeer[] {
    return kubePeers(this.check, `${method} peer`, peer, this.namespace);
  }

  /** The ports, after checking each is a port number or a port name. */
  private checkedPorts(method: string, ports: unknown): readonly NetworkPort[] {
    this.check.shape(`${method} ports`, ports, NETWORK_PORTS);
    (ports as NetworkPort[]).forEach(({ port }, i) => {
      if (typeof port === 'number')
        this.check.integer(`${method} ports[${i}].port`, port, 1, 65535);
      else this.check.grammar(`${method} ports[${i}].port`, port, PORT_NAME);
    });
    return ports as NetworkPort[];
  }
}
