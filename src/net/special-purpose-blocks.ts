// The IANA IPv4 and IPv6 Special-Purpose Address Registries (iana-ipv4-special-registry,
// iana-ipv6-special-registry, as last updated 2025-10-09), entry by entry, as data; plus the few
// blocks that are not in them but are never a host's unicast address (multicast, site-local, the
// rest of ::/8). Each entry names its RFC. `globallyReachable` is the registry's column ("n/a"
// where the registry gives none); `kind` is how maillint groups the entry, and only the kinds
// 'special-purpose' and (outside every block) 'public' are reachable from the internet
// (see src/net/ip.ts). test/net/ip.test.ts tests every entry with an address inside and outside.

/** How maillint groups addresses. Values appear in JSON output (mx-private-address `range`, IP facts). */
export type AddressKind =
  | 'public'
  | 'special-purpose'
  | 'private'
  | 'carrier-grade-nat'
  | 'loopback'
  | 'link-local'
  | 'unique-local'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'nat64'
  | 'reserved';

export interface AddressBlock {
  /** CIDR as the registry writes it (lower case). */
  prefix: string;
  /** The registry's name for the block. */
  name: string;
  /** The RFC that assigned it (section where the registry gives one). */
  reference: string;
  kind: AddressKind;
  /** "a private-use address": how a finding names an address in the block. */
  what: string;
  globallyReachable: boolean | 'n/a';
  /** In an IANA special-purpose registry (false: a block maillint adds, see `reference`). */
  inRegistry: boolean;
}

type Row = [prefix: string, name: string, reference: string, kind: AddressKind, what: string, globallyReachable: boolean | 'n/a'];

function blocks(rows: readonly Row[], inRegistry: boolean): AddressBlock[] {
  return rows.map(([prefix, name, reference, kind, what, globallyReachable]) => ({ prefix, name, reference, kind, what, globallyReachable, inRegistry }));
}

export const IPV4_SPECIAL_PURPOSE_REGISTRY: readonly AddressBlock[] = blocks([
  ['0.0.0.0/8', '"This network"', 'RFC 791 3.2', 'unspecified', 'a "this network" address', false],
  ['0.0.0.0/32', '"This host on this network"', 'RFC 1122 3.2.1.3', 'unspecified', 'the unspecified address', false],
  ['10.0.0.0/8', 'Private-Use', 'RFC 1918', 'private', 'a private-use address', false],
  ['100.64.0.0/10', 'Shared Address Space', 'RFC 6598', 'carrier-grade-nat', 'a carrier-grade NAT (shared) address', false],
  ['127.0.0.0/8', 'Loopback', 'RFC 1122 3.2.1.3', 'loopback', 'a loopback address', false],
  ['169.254.0.0/16', 'Link Local', 'RFC 3927', 'link-local', 'a link-local address', false],
  ['172.16.0.0/12', 'Private-Use', 'RFC 1918', 'private', 'a private-use address', false],
  ['192.0.0.0/24', 'IETF Protocol Assignments', 'RFC 6890 2.1', 'reserved', 'an IETF protocol assignment address', false],
  ['192.0.0.0/29', 'IPv4 Service Continuity Prefix', 'RFC 7335', 'reserved', 'an IPv4 service continuity (DS-Lite) address', false],
  ['192.0.0.8/32', 'IPv4 dummy address', 'RFC 7600', 'reserved', 'the IPv4 dummy address', false],
  ['192.0.0.9/32', 'Port Control Protocol Anycast', 'RFC 7723', 'special-purpose', 'the Port Control Protocol anycast address', true],
  ['192.0.0.10/32', 'Traversal Using Relays around NAT Anycast', 'RFC 8155', 'special-purpose', 'the TURN anycast address', true],
  ['192.0.0.170/32', 'NAT64/DNS64 Discovery', 'RFC 8880, RFC 7050 2.2', 'reserved', 'a NAT64/DNS64 discovery address', false],
  ['192.0.0.171/32', 'NAT64/DNS64 Discovery', 'RFC 8880, RFC 7050 2.2', 'reserved', 'a NAT64/DNS64 discovery address', false],
  ['192.0.2.0/24', 'Documentation (TEST-NET-1)', 'RFC 5737', 'documentation', 'a documentation address', false],
  ['192.31.196.0/24', 'AS112-v4', 'RFC 7535', 'special-purpose', 'an AS112 (DNS sink) address', true],
  ['192.52.193.0/24', 'AMT', 'RFC 7450', 'special-purpose', 'an AMT (multicast tunnelling) address', true],
  ['192.88.99.0/24', 'Deprecated (6to4 Relay Anycast)', 'RFC 7526', 'reserved', 'a deprecated 6to4 relay anycast address', 'n/a'],
  ['192.88.99.2/32', '6a44-relay anycast address', 'RFC 6751', 'reserved', 'the 6a44 relay anycast address', false],
  ['192.168.0.0/16', 'Private-Use', 'RFC 1918', 'private', 'a private-use address', false],
  ['192.175.48.0/24', 'Direct Delegation AS112 Service', 'RFC 7534', 'special-purpose', 'an AS112 (DNS sink) address', true],
  ['198.18.0.0/15', 'Benchmarking', 'RFC 2544', 'reserved', 'a benchmarking address', false],
  ['198.51.100.0/24', 'Documentation (TEST-NET-2)', 'RFC 5737', 'documentation', 'a documentation address', false],
  ['203.0.113.0/24', 'Documentation (TEST-NET-3)', 'RFC 5737', 'documentation', 'a documentation address', false],
  ['240.0.0.0/4', 'Reserved', 'RFC 1112 4', 'reserved', 'a reserved address', false],
  ['255.255.255.255/32', 'Limited Broadcast', 'RFC 8190, RFC 919 7', 'broadcast', 'the limited broadcast address', false],
], true);

export const IPV6_SPECIAL_PURPOSE_REGISTRY: readonly AddressBlock[] = blocks([
  ['::1/128', 'Loopback Address', 'RFC 4291', 'loopback', 'the loopback address', false],
  ['::/128', 'Unspecified Address', 'RFC 4291', 'unspecified', 'the unspecified address', false],
  // Never looked up: an IPv4-mapped address is judged as the IPv4 address it maps (src/net/ip.ts).
  ['::ffff:0:0/96', 'IPv4-mapped Address', 'RFC 4291', 'reserved', 'an IPv4-mapped address', false],
  // Globally reachable to IANA, yet only through a translator: see isReachableKind in src/net/ip.ts.
  ['64:ff9b::/96', 'IPv4-IPv6 Translat.', 'RFC 6052', 'nat64', 'a NAT64 translation address', true],
  ['64:ff9b:1::/48', 'IPv4-IPv6 Translat.', 'RFC 8215', 'nat64', 'a local-use NAT64 translation address', false],
  ['100::/64', 'Discard-Only Address Block', 'RFC 6666', 'reserved', 'a discard-only address', false],
  ['100:0:0:1::/64', 'Dummy IPv6 Prefix', 'RFC 9780', 'reserved', 'a dummy IPv6 address', false],
  ['2001::/23', 'IETF Protocol Assignments', 'RFC 2928', 'reserved', 'an IETF protocol assignment address', false],
  ['2001::/32', 'TEREDO', 'RFC 4380, RFC 8190', 'special-purpose', 'a Teredo tunnel address', 'n/a'],
  ['2001:1::1/128', 'Port Control Protocol Anycast', 'RFC 7723', 'special-purpose', 'the Port Control Protocol anycast address', true],
  ['2001:1::2/128', 'Traversal Using Relays around NAT Anycast', 'RFC 8155', 'special-purpose', 'the TURN anycast address', true],
  ['2001:1::3/128', 'DNS-SD Service Registration Protocol Anycast', 'RFC 9665', 'special-purpose', 'the DNS-SD service registration anycast address', true],
  ['2001:2::/48', 'Benchmarking', 'RFC 5180', 'reserved', 'a benchmarking address', false],
  ['2001:3::/32', 'AMT', 'RFC 7450', 'special-purpose', 'an AMT (multicast tunnelling) address', true],
  ['2001:4:112::/48', 'AS112-v6', 'RFC 7535', 'special-purpose', 'an AS112 (DNS sink) address', true],
  ['2001:10::/28', 'Deprecated (previously ORCHID)', 'RFC 4843', 'reserved', 'a deprecated ORCHID address', 'n/a'],
  ['2001:20::/28', 'ORCHIDv2', 'RFC 7343', 'special-purpose', 'an ORCHIDv2 identifier', true],
  ['2001:30::/28', 'Drone Remote ID Protocol Entity Tags (DETs) Prefix', 'RFC 9374', 'special-purpose', 'a drone remote ID entity tag', true],
  ['2001:db8::/32', 'Documentation', 'RFC 3849', 'documentation', 'a documentation address', false],
  ['2002::/16', '6to4', 'RFC 3056', 'special-purpose', 'a 6to4 address', 'n/a'],
  ['2620:4f:8000::/48', 'Direct Delegation AS112 Service', 'RFC 7534', 'special-purpose', 'an AS112 (DNS sink) address', true],
  ['3fff::/20', 'Documentation', 'RFC 9637', 'documentation', 'a documentation address', false],
  ['5f00::/16', 'Segment Routing (SRv6) SIDs', 'RFC 9602', 'reserved', 'a segment routing (SRv6) identifier', false],
  ['fc00::/7', 'Unique-Local', 'RFC 4193, RFC 8190', 'unique-local', 'a unique local address', false],
  ['fe80::/10', 'Link-Local Unicast', 'RFC 4291', 'link-local', 'a link-local address', false],
], true);

// Not special-purpose entries (their own registries hold them), but never a host's unicast address.
export const OTHER_NON_UNICAST_BLOCKS: readonly AddressBlock[] = blocks([
  ['224.0.0.0/4', 'Multicast', 'RFC 5771', 'multicast', 'a multicast address', false],
  ['ff00::/8', 'Multicast', 'RFC 4291 2.7', 'multicast', 'a multicast address', false],
  ['fec0::/10', 'Site-Local (deprecated)', 'RFC 3879', 'reserved', 'a deprecated site-local address', false],
  // IPv4-compatible ::a.b.c.d among it (deprecated, RFC 4291 2.5.5.1): not the IPv4-mapped form.
  ['::/8', 'Reserved by IETF', 'RFC 4291 2.5.5.1', 'reserved', 'an address in the IETF-reserved ::/8', false],
], false);
