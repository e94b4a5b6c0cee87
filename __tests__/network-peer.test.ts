import { NetworkPeer } from '../src';

describe('NetworkPeer', () => {
  test('pods in the same namespace select by labels only', () => {
    expect(NetworkPeer.pods({ app: 'web' })._toKube()).toEqual([
      { podSelector: { matchLabels: { app: 'web' } } },
    ]);
  });

  test('pods in another namespace add that namespace by its name label', () => {
    expect(NetworkPeer.pods({ app: 'web' }, 'shop')._toKube()).toEqual([
      {
        podSelector: { matchLabels: { app: 'web' } },
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
      },
    ]);
  });

  test('the ingress controller defaults to ingress-nginx as Minikube installs it', () => {
    expect(NetworkPeer.ingressController()._toKube()).toEqual(
      NetworkPeer.pods({ 'app.kubernetes.io/name': 'ingress-nginx' }, 'ingress-nginx')._toKube(),
    );
    expect(
      NetworkPeer.ingressController({
        namespace: 'traefik',
        podLabels: { app: 'traefik' },
      })._toKube(),
    ).toEqual(NetworkPeer.pods({ app: 'traefik' }, 'traefik')._toKube());
  });

  test('anywhere covers IPv4 and IPv6', () => {
    expect(NetworkPeer.anywhere()._toKube()).toEqual([
      { ipBlock: { cidr: '0.0.0.0/0' } },
      { ipBlock: { cidr: '::/0' } },
    ]);
  });

  test('an IP block may exclude ranges', () => {
    expect(NetworkPeer.ipBlock('10.0.0.0/8', ['10.1.0.0/16'])._toKube()).toEqual([
      { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
    ]);
  });

  test('a namespace peer admits every pod of it', () => {
    expect(NetworkPeer.namespace('monitoring')._toKube()).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
    ]);
  });
});
