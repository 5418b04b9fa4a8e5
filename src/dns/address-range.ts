// Which addresses a mail host on the public internet must not have: classification by ipaddr.js,
// with the documentation ranges told apart from the rest of ipaddr.js's "reserved".

import type IpaddrModule from 'ipaddr.js';
import { ipaddr } from './ipaddr-on-demand.js';
import { parseIp } from './ip-address.js';

export type AddressProblemKind =
  | 'loopback'
  | 'private'
  | 'carrier-grade-nat'
  | 'link-local'
  | 'unique-local'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'nat64'
  | 'reserved';

export interface AddressProblem {
  kind: AddressProblemKind;
  /** "a private address (RFC 1918)" */
  description: string;
}

const DOCUMENTATION_CIDRS = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'];
let documentationRanges: [IpaddrModule.IPv4 | IpaddrModule.IPv6, number][] | undefined;

function documentationRangesParsed(): [IpaddrModule.IPv4 | IpaddrModule.IPv6, number][] {
  documentationRanges ??= DOCUMENTATION_CIDRS.map((cidr) => ipaddr().parseCIDR(cidr));
  return documentationRanges;
}

const DESCRIPTIONS: Record<string, AddressProblem> = {
  loopback: { kind: 'loopback', description: 'a loopback address (127.0.0.0/8, ::1)' },
  private: { kind: 'private', description: 'a private address (RFC 1918)' },
  carrierGradeNat: { kind: 'carrier-grade-nat', description: 'a carrier-grade NAT address (100.64.0.0/10, RFC 6598)' },
  linkLocal: { kind: 'link-local', description: 'a link-local address (169.254.0.0/16, fe80::/10)' },
  uniqueLocal: { kind: 'unique-local', description: 'a unique local IPv6 address (fc00::/7, RFC 4193)' },
  unspecified: { kind: 'unspecified', description: 'the unspecified address (0.0.0.0, ::)' },
  multicast: { kind: 'multicast', description: 'a multicast address' },
  broadcast: { kind: 'broadcast', description: 'the broadcast address' },
  rfc6052: { kind: 'nat64', description: 'a NAT64 translation address (64:ff9b::/96, RFC 6052)' },
  reserved: { kind: 'reserved', description: 'a reserved address (IANA special-purpose registry)' },
  deprecatedSiteLocal: { kind: 'reserved', description: 'a deprecated site-local address (fec0::/10, RFC 3879)' },
  rfc6145: { kind: 'reserved', description: 'an IPv4-translated address (::ffff:0:0:0/96, RFC 6145), not routable' },
  discard: { kind: 'reserved', description: 'a discard-only address (100::/64, RFC 6666)' },
  deprecatedOrchid: { kind: 'reserved', description: 'a reserved ORCHID address' },
  orchid2: { kind: 'reserved', description: 'a reserved ORCHIDv2 address' },
  benchmarking: { kind: 'reserved', description: 'a benchmarking address (RFC 2544)' },
  amt: { kind: 'reserved', description: 'a reserved AMT address' },
  as112v6: { kind: 'reserved', description: 'a reserved AS112 address' },
  segmentRouting: { kind: 'reserved', description: 'a reserved segment-routing address' },
};

/** Why `address` cannot be a public mail host, or undefined when it can (or is not an address). */
export function addressProblem(address: string): AddressProblem | undefined {
  if (!ipaddr().isValid(address)) return undefined;
  let parsed = parseIp(address);
  if (parsed.kind() === 'ipv6' && (parsed as IpaddrModule.IPv6).isIPv4MappedAddress()) parsed = (parsed as IpaddrModule.IPv6).toIPv4Address();
  for (const range of documentationRangesParsed()) {
    if (parsed.kind() === range[0].kind() && parsed.match(range)) {
      return { kind: 'documentation', description: 'a documentation address (RFC 5737 / RFC 3849), not routable' };
    }
  }
  const known = DESCRIPTIONS[parsed.range()];
  if (known !== undefined) return known;
  // The rest of ::/8 (IPv4-compatible ::a.b.c.d among it) is IETF-reserved, never a host's address.
  if (parsed.kind() === 'ipv6' && (parsed as IpaddrModule.IPv6).parts[0]! < 0x100) {
    return { kind: 'reserved', description: 'an address in the IETF-reserved ::/8 (IPv4-compatible ::a.b.c.d is deprecated, RFC 4291 2.5.5.1)' };
  }
  return undefined;
}

/** Names reserved for documentation and testing (RFC 2606, RFC 6761). */
export function isDocumentationDomain(domain: string): boolean {
  const name = domain.toLowerCase().replace(/\.$/, '');
  if (['example.com', 'example.net', 'example.org'].some((reserved) => name === reserved || name.endsWith(`.${reserved}`))) return true;
  const topLevel = name.slice(name.lastIndexOf('.') + 1);
  return ['example', 'test', 'invalid', 'localhost'].includes(topLevel);
}
