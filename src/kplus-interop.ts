import type * as kplus from 'cdk8s-plus-27';
import * as k8s from '../imports/k8s';

/**
 * Working with cdk8s-plus: its network policy peers (a `Deployment`, `Pods.select(...)`,
 * `Namespaces.select(...)`, an IP block) as peers of ours, and our workloads as its peers and pod
 * selectors. cdk8s-plus is loaded only when a chart mixes the two, so charts of this library
 * alone never pay its start-up.
 */

/** The label every namespace carries with its own name (Kubernetes 1.21+). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Whether a value is a cdk8s-plus network policy peer (checked by its method, not its class). */
export function isKplusPeer(value: unknown): value is kplus.INetworkPolicyPeer {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<kplus.INetworkPolicyPeer>).toNetworkPolicyPeerConfig === 'function'
  );
}

/**
 * The NetworkPolicy peers a cdk8s-plus peer stands for, as cdk8s-plus itself writes them: an IP
 * block, or pods by labels in the namespaces it names (one peer per namespace name, since one
 * selector cannot hold two names of the name label).
 *
 * @throws Error when the peer is neither (cdk8s-plus refuses such a peer too)
 */
export function kubePeersOf(peer: kplus.INetworkPolicyPeer): k8s.NetworkPolicyPeer[] {
  const config = peer.toNetworkPolicyPeerConfig();
  if (config.ipBlock) {
    return [{ ipBlock: { cidr: config.ipBlock.cidr, except: config.ipBlock.except } }];
  }
  if (!config.podSelector) throw new Error('a peer must select an IP block or pods');
  const pods = selectorOf(config.podSelector.labelSelector);
  const namespaces = config.podSelector.namespaces;
  const byLabels = namespaces?.labelSelector ? selectorOf(namespaces.labelSelector) : undefined;
  if (!namespaces?.names) return [{ podSelector: pods, namespaceSelector: byLabels }];
  return namespaces.names.map((name) => ({
    podSelector: pods,
    namespaceSelector: {
      matchExpressions: byLabels?.matchExpressions,
      matchLabels: { ...byLabels?.matchLabels, [NAMESPACE_NAME_LABEL]: name },
    },
  }));
}

/**
 * A cdk8s-plus pod selector for pods with these labels (and, when given, one of these values of
 * one more label), in one namespace or in the peer's own.
 */
export function podSelectorConfig(
  labels: Readonly<Record<string, string>>,
  namespace: string | undefined,
  oneOf?: { readonly key: string; readonly values: readonly string[] },
): kplus.PodSelectorConfig {
  const { LabelExpression, LabelSelector } = kplusModule('pod');
  return {
    labelSelector: LabelSelector.of({
      labels: { ...labels },
      expressions: oneOf && [LabelExpression.in(oneOf.key, [...oneOf.values])],
    }),
    namespaces: namespace === undefined ? undefined : { names: [namespace] },
  };
}

/** The Kubernetes form of a cdk8s-plus label selector. */
function selectorOf(selector: kplus.LabelSelector): k8s.LabelSelector {
  // cdk8s-plus keeps a selector's labels private; `_toKube` is how its own constructs read one.
  return (selector as unknown as { _toKube(): k8s.LabelSelector })._toKube();
}

/**
 * A module of cdk8s-plus, loaded on first use: only charts that mix in cdk8s-plus constructs get
 * here, so the library alone never pays cdk8s-plus' start-up.
 */
export function kplusModule(file: 'pod' | 'network-policy'): typeof kplus {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return (
    file === 'pod' ? require('cdk8s-plus-27/lib/pod') : require('cdk8s-plus-27/lib/network-policy')
  ) as typeof kplus;
  /* eslint-enable @typescript-eslint/no-require-imports */
}
