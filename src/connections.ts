import { Names } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { kplusModule } from './kplus-interop';
import { NetworkPort, OwnPods, isOwnPods } from './network-peer';

/**
 * A target of `connectTo` that writes its own side of the connection: a workload or a blue/green
 * pair of this library.
 *
 * @internal
 */
export interface ConnectTarget extends OwnPods {
  /** The ports a client reaches when it names none: those of the main container. */
  _defaultPorts(): readonly NetworkPort[];
  /** Admits the client's pods on these ports. */
  _admit(client: OwnPods, ports: readonly NetworkPort[]): void;
}

/** Whether a value writes its own side of a connection. */
export function isConnectTarget(value: unknown): value is ConnectTarget {
  return isOwnPods(value) && typeof (value as Partial<ConnectTarget>)._admit === 'function';
}

/**
 * The far side of a connection to pods of cdk8s-plus (a `Deployment`, `Pods.select(...)`): a
 * cdk8s-plus NetworkPolicy in each of their namespaces that selects them and admits the client,
 * as cdk8s-plus' own `connections.allowFrom` writes it. Nothing for an IP block.
 *
 * @param scope where the policies are made (the client)
 * @param ports the ports opened; default: all of them
 */
export function admitAtForeignPods(
  scope: Construct,
  client: kplus.INetworkPolicyPeer,
  target: kplus.INetworkPolicyPeer,
  namespace: string | undefined,
  ports: readonly NetworkPort[] | undefined,
): void {
  const selector = target.toPodSelector();
  if (selector === undefined) return;
  const { NetworkPolicy, NetworkPolicyPort } = kplusModule('network-policy');
  const names = selector.toPodSelectorConfig().namespaces?.names ?? [namespace];
  const policyPorts = ports?.map((p) =>
    typeof p.port === 'number'
      ? NetworkPolicyPort.of({ port: p.port, protocol: p.protocol as kplus.NetworkProtocol })
      : undefined,
  );
  if (policyPorts?.includes(undefined)) {
    throw new Error('a cdk8s-plus peer takes port numbers only, not port names');
  }
  for (const name of names) {
    new NetworkPolicy(scope, `AllowFrom${Names.toLabelValue(target)}${name ?? ''}`, {
      selector,
      metadata: { namespace: name },
      ingress: {
        rules: [{ peer: client, ports: policyPorts as kplus.NetworkPolicyPort[] | undefined }],
      },
    });
  }
}
