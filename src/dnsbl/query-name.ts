// DNSBL query names (RFC 5782 2.1 and 2.4). Sending-IP input is parsed by src/net/ip.ts
// (parseIpAddress), which also classifies it.

import { ipaddr } from '../net/ipaddr-on-demand.js';
import type { ParsedIp } from '../net/ip.js';

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
  const parsed = ipaddr().parse(text);
  return { family, bytes: parsed.toByteArray(), address: text };
}
