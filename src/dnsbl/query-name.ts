// Sending-IP input and DNSBL query names (RFC 5782 2.1 and 2.4).
// Parsing is strict: node:net's isIP accepts only dotted-quad IPv4 without leading zeros and plain
// IPv6, so `1.2.3`, `01.2.3.4`, `0x7f.1`, `1.2.3.256` and host names are errors, never guesses.
// ipaddr.js then gives the canonical form, the 16 bytes of an IPv6 address and its range.

import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { parseIp } from '../dns/ip-address.js';

/** The input is not an IP address. The message names the input; callers turn it into exit 2. */
export class InvalidIpAddressError extends Error {
  override name = 'InvalidIpAddressError';
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`${JSON.stringify(input.length > 80 ? `${input.slice(0, 77)}...` : input)} is not an IP address: ${reason}`);
  }
}

export interface ParsedIp {
  input: string;
  /** Canonical text: dotted quad, or compressed lower-case IPv6. `::ffff:a.b.c.d` becomes `a.b.c.d`. */
  address: string;
  family: 4 | 6;
  /** 'unicast' for ordinary public space, else the range (see nonPublicRange). */
  range: string;
  /** The address bytes (4 or 16). */
  bytes: number[];
}

// Documentation space (RFC 5737, RFC 3849, RFC 9637): ipaddr.js files these under 'reserved'.
const DOCUMENTATION_RANGES = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32', '3fff::/20'].map((cidr) =>
  ipaddr.parseCIDR(cidr),
);

// Ranges a receiving MX never sees as a client address on the public Internet. Transition and
// anycast ranges (6to4, Teredo, AS112, …) are public, so they are not in this list.
const NON_PUBLIC_RANGES = new Set([
  'unspecified',
  'broadcast',
  'multicast',
  'linkLocal',
  'loopback',
  'carrierGradeNat',
  'private',
  'reserved',
  'uniqueLocal',
  'deprecatedSiteLocal',
  'discard',
  'benchmarking',
]);

function describeBadInput(input: string): string {
  if (input.length === 0) return 'empty';
  if (input.trim() !== input) return 'leading or trailing white space';
  if (input.startsWith('[') && input.endsWith(']')) return 'remove the brackets (write 2001:db8::1, not [2001:db8::1])';
  if (input.includes('/')) return 'a network (CIDR) — name single addresses';
  if (input.includes('%')) return 'an IPv6 zone index (%…) has no meaning to a blocklist';
  if (/^[0-9.]+$/.test(input)) {
    const parts = input.split('.');
    if (parts.length !== 4) return `an IPv4 address has 4 dot-separated numbers, this has ${parts.length}`;
    if (parts.some((part) => part.length > 1 && part.startsWith('0'))) return 'a number with a leading zero (octal to some parsers, decimal to others)';
    if (parts.some((part) => part === '')) return 'an empty number';
    return 'each number must be 0–255';
  }
  if (/^0x/i.test(input) || /\.0x/i.test(input)) return 'hexadecimal IPv4 notation is not accepted';
  if (/^[A-Za-z0-9.-]+$/.test(input) && /[A-Za-z]/.test(input) && !input.includes(':')) {
    return 'a host name — name the IP address the mail leaves from';
  }
  return 'not dotted-quad IPv4 or IPv6 notation';
}

function isDocumentationAddress(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  return DOCUMENTATION_RANGES.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
}

/** Parses one sending IP. Throws InvalidIpAddressError naming the input. */
export function parseIpAddress(input: string): ParsedIp {
  const family = isIP(input);
  if (family === 0 || input.includes('%')) throw new InvalidIpAddressError(input, describeBadInput(input));
  let parsed: ipaddr.IPv4 | ipaddr.IPv6 = parseIp(input);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    // RFC 5782 2.4 has no mapped form: the list holds the IPv4 address, so it is asked as IPv4.
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const rangeName = parsed.range();
  const range = isDocumentationAddress(parsed) ? 'documentation' : NON_PUBLIC_RANGES.has(rangeName) ? rangeName : 'unicast';
  return {
    input,
    address: parsed.toString(),
    family: parsed.kind() === 'ipv4' ? 4 : 6,
    range,
    bytes: parsed.toByteArray(),
  };
}

/** `203.0.113.7` → `7.113.0.203`; IPv6 → 32 reversed nibbles (RFC 5782 2.4). */
export function reversedAddress(ip: Pick<ParsedIp, 'family' | 'bytes'>): string {
  if (ip.family === 4) return [...ip.bytes].reverse().join('.');
  const nibbles: string[] = [];
  for (const byte of ip.bytes) nibbles.push((byte >> 4).toString(16), (byte & 0x0f).toString(16));
  return nibbles.reverse().join('.');
}

/** The name to ask a list about an address: reversed address + zone. */
export function dnsblQueryName(ip: Pick<ParsedIp, 'family' | 'bytes'>, zone: string): string {
  return `${reversedAddress(ip)}.${zone}`;
}

/** The longest query prefix for each family: 15 + dot for IPv4, 63 + dot for IPv6 nibbles. */
export const QUERY_PREFIX_OCTETS = { 4: 16, 6: 64 } as const;

/** RFC 5782 5: every list lists 127.0.0.2 and never 127.0.0.1; IPv6 lists the same as ::FFFF:7F00:2 / ::FFFF:7F00:1. */
export const TEST_ENTRIES = {
  4: { listed: parseTestEntry('127.0.0.2', 4), notListed: parseTestEntry('127.0.0.1', 4) },
  6: { listed: parseTestEntry('::ffff:7f00:2', 6), notListed: parseTestEntry('::ffff:7f00:1', 6) },
} as const;

// The IPv6 test entries are written in IPv4-mapped form, which parseIpAddress turns into IPv4 on
// purpose; here they must stay IPv6 so they are asked as nibbles.
function parseTestEntry(text: string, family: 4 | 6): Pick<ParsedIp, 'family' | 'bytes'> & { address: string } {
  const parsed = ipaddr.parse(text);
  return { family, bytes: parsed.toByteArray(), address: text };
}
