// IP addresses for every part of maillint: parse (strictly), classify against the IANA special-purpose
// registries (src/net/special-purpose-blocks.ts), and describe for a finding. MX checks, blocklists
// and checks all ask here, so an address is "documentation" or "private" the same way everywhere.
//
// ipaddr.js does the parsing and range matching; it loads on first use (src/net/ipaddr-on-demand.ts).
// Its own range() names are not used: they lump documentation space (3fff::/20) with the reserved
// ranges, and group blocks differently from the registries.

import type IpaddrModule from 'ipaddr.js';
import { ipaddr } from './ipaddr-on-demand.js';
import { ipFamilyOf, ipv6OctetsOrUndefined, isIpv4Text } from './ip-text.js';
import {
  IPV4_SPECIAL_PURPOSE_REGISTRY,
  IPV6_SPECIAL_PURPOSE_REGISTRY,
  OTHER_NON_UNICAST_BLOCKS,
  type AddressBlock,
  type AddressKind,
} from './special-purpose-blocks.js';

export type { AddressBlock, AddressKind } from './special-purpose-blocks.js';
export { ipFamilyOf } from './ip-text.js';

type ParsedAddress = IpaddrModule.IPv4 | IpaddrModule.IPv6;

/**
 * Parses dotted-quad IPv4 or IPv6 text (validate it first, e.g. with node:net isIP); throws otherwise.
 * ipaddr.js 2.x reads the IPv4-compatible form `::a.b.c.d` (RFC 4291 2.5.5.1, deprecated) as the
 * IPv4-mapped `::ffff:a.b.c.d`, changing the address; IPv6 text therefore goes through the WHATWG URL
 * host parser (node:url), which keeps every bit and writes it in hex, before ipaddr.js reads it.
 */
export function parseIp(text: string): ParsedAddress {
  // Validated already: a colon means IPv6 (node:net's IPv6 pattern costs ~4 ms to compile).
  if (!text.includes(':')) return ipaddr().parse(text);
  const host = new URL(`http://[${text}]/`).hostname;
  return ipaddr().IPv6.parse(host.slice(1, -1));
}

/** A block as classification reads it; its description written once, not per address classified. */
type ParsedBlock = { block: AddressBlock; network: number[]; bits: number; description: string };
let parsedBlocks: { ipv4: ParsedBlock[]; ipv6: ParsedBlock[] } | undefined;

/** Every block of one family as network octets, most specific first: the longest matching prefix decides. */
function blocksOf(family: 'ipv4' | 'ipv6'): ParsedBlock[] {
  parsedBlocks ??= (() => {
    const all = [...IPV4_SPECIAL_PURPOSE_REGISTRY, ...IPV6_SPECIAL_PURPOSE_REGISTRY, ...OTHER_NON_UNICAST_BLOCKS]
      .map((block) => {
        const [network, bits] = block.prefix.split('/') as [string, string];
        const octets = network.includes(':') ? ipv6Octets(network) : network.split('.').map(Number);
        return { block, network: octets, bits: Number(bits), description: `${block.what} (${block.prefix}, ${block.reference})` };
      })
      .sort((left, right) => right.bits - left.bits);
    return { ipv4: all.filter((entry) => entry.network.length === 4), ipv6: all.filter((entry) => entry.network.length === 16) };
  })();
  return parsedBlocks[family];
}

/** Whether the first `bits` bits of two addresses' octets agree (ipaddr.js match() without its per-call parsing). */
function samePrefix(octets: readonly number[], network: readonly number[], bits: number): boolean {
  const whole = bits >> 3;
  for (let index = 0; index < whole; index += 1) if (octets[index] !== network[index]) return false;
  const rest = bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (octets[whole]! & mask) === (network[whole]! & mask);
}

/** The most specific special-purpose block holding the address, if any. */
export function blockOf(address: ParsedAddress): AddressBlock | undefined {
  const octets = address.toByteArray();
  return blocksOf(address.kind()).find((entry) => samePrefix(octets, entry.network, entry.bits))?.block;
}

/**
 * Whether hosts on the public internet reach an address of this kind. The registries' "Globally
 * Reachable" decides, with one exception: the NAT64 well-known prefix 64:ff9b::/96 (RFC 6052) is
 * reachable to IANA, but an address in it is an IPv4 host as a translator presents it, reached only
 * by hosts that use such a translator (DNS64 synthesizes these, RFC 6147); the public name of a host
 * is its IPv4 address. Deprecated blocks ("n/a", kind 'reserved') are not reachable; Teredo and 6to4
 * ("n/a", kind 'special-purpose') are.
 */
export function isReachableKind(kind: AddressKind): boolean {
  return kind === 'public' || kind === 'special-purpose';
}

export interface IpClassification {
  /** Canonical text: dotted quad, or compressed lower-case IPv6; `::ffff:a.b.c.d` becomes `a.b.c.d`. */
  address: string;
  family: 4 | 6;
  kind: AddressKind;
  /** The special-purpose block the address is in (most specific), absent for ordinary public space. */
  block?: AddressBlock;
  /** Hosts on the public internet can reach it (see isReachableKind). */
  reachable: boolean;
  /** "a private-use address (10.0.0.0/8, RFC 1918)", "a public address". */
  description: string;
}

function classification(address: string, family: 4 | 6, octets: readonly number[]): IpClassification {
  let found: ParsedBlock | undefined;
  for (const entry of blocksOf(family === 4 ? 'ipv4' : 'ipv6')) {
    if (!samePrefix(octets, entry.network, entry.bits)) continue;
    found = entry;
    break;
  }
  if (found === undefined) return { address, family, kind: 'public', reachable: isReachableKind('public'), description: 'a public address' };
  const { block } = found;
  // The well-known prefix carries the IPv4 address in its last 32 bits (RFC 6052 2.2).
  const description = block.prefix === '64:ff9b::/96' ? `${found.description} standing for the IPv4 address ${octets.slice(12).join('.')}` : found.description;
  return { address, family, kind: block.kind, block, reachable: isReachableKind(block.kind), description };
}

/** The 16 octets of IPv6 text node:net accepts (without a zone index); a dotted IPv4 tail is read as such. */
export function ipv6Octets(text: string): number[] {
  const octets = ipv6OctetsOrUndefined(text);
  if (octets === undefined) throw new Error(`not IPv6 text: ${text}`);
  return octets;
}

/**
 * RFC 5952 text: lower-case hex, no leading zeros, the first longest run of 2+ zero groups as "::".
 * Written group by group without intermediate arrays: every AAAA answer is turned into text.
 */
export function ipv6Text(octets: ArrayLike<number>, start = 0): string {
  const groups: number[] = [];
  for (let index = 0; index < 8; index += 1) groups.push(octets[start + index * 2]! * 256 + octets[start + index * 2 + 1]!);
  let bestStart = -1;
  let bestLength = 1; // a run must be longer: one zero group is written as 0
  for (let index = 0; index < 8; ) {
    if (groups[index] !== 0) {
      index += 1;
      continue;
    }
    let end = index;
    while (end < 8 && groups[end] === 0) end += 1;
    if (end - index > bestLength) [bestStart, bestLength] = [index, end - index];
    index = end;
  }
  let text = '';
  for (let index = 0; index < 8; index += 1) {
    if (index === bestStart) {
      text += '::';
      index += bestLength - 1;
    } else {
      // No colon before the first group, nor right after the "::".
      const joined = index === 0 || index === bestStart + bestLength;
      text += joined ? groups[index]!.toString(16) : `:${groups[index]!.toString(16)}`;
    }
  }
  return text;
}

const MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/**
 * Classifies IP address text; undefined when the text is not dotted-quad IPv4 or IPv6 (zone indexes
 * included). The text, validated by node:net, is read here rather than by ipaddr.js: a domain run
 * classifies thousands of MX host addresses, and ipaddr.js's parsing was a large share of its CPU.
 */
export function classifyIp(text: string): IpClassification | undefined {
  if (!text.includes(':')) {
    // A dotted quad node:net accepts (no leading zeros) is its own canonical text.
    return isIpv4Text(text) ? classification(text, 4, text.split('.').map(Number)) : undefined;
  }
  // Validated and read in one pass (a zone index has no place here).
  const octets = text.includes('%') ? undefined : ipv6OctetsOrUndefined(text);
  if (octets === undefined) return undefined;
  if (MAPPED_PREFIX.every((octet, index) => octets[index] === octet)) return classification(octets.slice(12).join('.'), 4, octets.slice(12));
  return classification(ipv6Text(octets), 6, octets);
}

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
  /** 'public' for ordinary public space, else the kind of special-purpose block (see classifyIp). */
  range: AddressKind;
  /** The address bytes (4 or 16). */
  bytes: number[];
}

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

/**
 * Parses one IP address a user named (a sending IP). Strict: node:net's isIP accepts only
 * dotted-quad IPv4 without leading zeros and plain IPv6, so `1.2.3`, `01.2.3.4`, `0x7f.1`,
 * `1.2.3.256` and host names are errors, never guesses. Throws InvalidIpAddressError naming the input.
 */
export function parseIpAddress(input: string): ParsedIp {
  if (ipFamilyOf(input) === 0 || input.includes('%')) throw new InvalidIpAddressError(input, describeBadInput(input));
  const classification = classifyIp(input)!;
  const bytes = classification.family === 4 ? classification.address.split('.').map(Number) : ipv6Octets(classification.address);
  return { input, address: classification.address, family: classification.family, range: classification.kind, bytes };
}
