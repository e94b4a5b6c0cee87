import { DiagramCollector } from './collector';
import { externalNode } from './externals';
import { NetworkPicture } from './network';

/**
 * Draws what the NetworkPolicies allow: the peers outside the manifests they name, and an edge
 * per connection with its ports (`blocked` when only one end allows it).
 */
export function drawNetwork(diagram: DiagramCollector, network: NetworkPicture): void {
  for (const external of network.externals.values()) diagram.addNode(externalNode(external));
  for (const a of network.allowances) {
    diagram.addEdge({
      from: a.from,
      to: a.to,
      kind: a.blockedBy ? 'blocked' : 'network',
      label: a.blockedBy ? `${portsLabel(a.ports)} blocked by ${a.blockedBy}` : portsLabel(a.ports),
    });
  }
}

/** `1 port`: `5432/TCP`; `53/UDP` and `53/TCP` read `53/UDP+TCP`. */
function portsLabel(ports: readonly string[]): string {
  const byPort = new Map<string, string[]>();
  for (const p of ports) {
    const [port, protocol] = p.includes('/') ? p.split('/') : [p, ''];
    byPort.set(port, [...(byPort.get(port) ?? []), ...(protocol ? [protocol] : [])]);
  }
  return [...byPort]
    .map(([port, protocols]) => (protocols.length > 0 ? `${port}/${protocols.join('+')}` : port))
    .join(', ');
}
