import { isIP } from 'net';

/**
 * IP ranges in CIDR notation, as NetworkPolicy `ipBlock`s take them. Kubernetes 1.27 validates
 * them in pkg/apis/networking/validation (ValidateIPBlock): `cidr` and every `except` must parse
 * (ParseCIDRSloppy), and each `except` must be a strict subset of `cidr`.
 */

/** An IPv4 or IPv6 range: its address as a big integer, its family and its prefix length. */
export interface Cidr {
  readonly version: 4 | 6;
  readonly address: bigint;
  readonly prefix: number;
}

/** Parses `10.0.0.0/8` or `fd00::/8`; `undefined` when it is not a CIDR. */
export function parseCidr(text: string): Cidr | undefined {
  const parts = text.split('/');
  if (parts.length !== 2 || !/^\d{1,3}$/.test(parts[1])) return undefined;
  const [address, prefixText] = parts;
  // Node's isIP takes an IPv6 zone (`fe80::1%eth0`); Kubernetes' ParseCIDRSloppy does not.
  const version = address.includes('%') ? 0 : isIP(address);
  const prefix = Number(prefixText);
  if (version === 0 || prefix > (version === 4 ? 32 : 128)) return undefined;
  return { version: version as 4 | 6, address: toBigInt(address, version), prefix };
}

/** Whether `inner` is a strict subset of `outer`: the same family, a longer prefix, inside it. */
export function isStrictSubset(inner: Cidr, outer: Cidr): boolean {
  if (inner.version !== outer.version || inner.prefix <= outer.prefix) return false;
  const bits = BigInt(inner.version === 4 ? 32 : 128);
  const shift = bits - BigInt(outer.prefix);
  return inner.address >> shift === outer.address >> shift;
}

function toBigInt(address: string, version: number): bigint {
  if (version === 4) {
    return address.split('.').reduce((sum, part) => (sum << 8n) + BigInt(Number(part)), 0n);
  }
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const groups = (text: string | undefined) => (text ? text.split(':') : []);
  const expand = (group: string): string[] => (isIP(group) === 4 ? ipv4Groups(group) : [group]);
  const left = groups(head).flatMap(expand);
  const right = groups(tail).flatMap(expand);
  const middle = tail === undefined ? [] : new Array(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].reduce(
    (sum, group) => (sum << 16n) + BigInt(parseInt(group, 16)),
    0n,
  );
}

/** An embedded IPv4 address (`::ffff:10.0.0.1`) as two IPv6 groups. */
function ipv4Groups(ipv4: string): string[] {
  const [a, b, c, d] = ipv4.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
