// Reverse DNS of a sending IP: the PTR names of its in-addr.arpa / ip6.arpa name, and whether each
// resolves back to the address (forward-confirmed reverse DNS, FCrDNS), for the ptr-* checks.

import { queryNameProblem } from '../dns/dns-name.js';
import type { LookupResult, Resolver } from '../dns/types.js';
import { classifyIp, type ParsedIp } from '../net/ip.js';
import { genericSigns } from './generic-ptr.js';
import type { PtrFacts, PtrName } from './ptr-types.js';

/** More PTR names than any mail host has; receivers try a few (RFC 7208 5.5 stops at 10). */
export const MAX_PTR_NAMES = 10;

/** `203.0.113.7` → `7.113.0.203.in-addr.arpa`; IPv6 → 32 reversed nibbles under ip6.arpa (RFC 3596 2.5). */
export function reverseNameOf(ip: Pick<ParsedIp, 'family' | 'bytes'>): string {
  if (ip.family === 4) return `${[...ip.bytes].reverse().join('.')}.in-addr.arpa`;
  const nibbles = ip.bytes.flatMap((byte) => [(byte >> 4).toString(16), (byte & 0x0f).toString(16)]);
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}

function ptrTargetsOf(result: LookupResult): string[] {
  if (result.status !== 'ok') return [];
  return [...new Set(result.records.flatMap((record) => (record.type === 'PTR' ? [record.target] : [])))];
}

/** Whether a forward answer holds the address (compared in canonical form: `2001:DB8::0:25` is `2001:db8::25`). */
function holdsAddress(result: LookupResult, address: string): boolean {
  if (result.status !== 'ok') return false;
  return result.records.some((record) => (record.type === 'A' || record.type === 'AAAA') && classifyIp(record.address)?.address === address);
}

/** Addresses no receiver ever sees mail from: asking their reverse DNS says nothing about delivery. */
const NOT_SEEN_BY_RECEIVERS = new Set(['private', 'carrier-grade-nat', 'loopback', 'link-local', 'unique-local', 'unspecified', 'multicast', 'broadcast']);

export async function gatherPtrFacts(ip: ParsedIp, resolver: Resolver): Promise<PtrFacts> {
  const reverseName = reverseNameOf(ip);
  const facts: PtrFacts = { address: ip.address, family: ip.family, bytes: ip.bytes, reverseName, names: [] };
  if (NOT_SEEN_BY_RECEIVERS.has(ip.range)) {
    facts.notAsked = `${classifyIp(ip.address)?.description ?? 'a non-public address'}: receivers never see mail from it`;
    return facts;
  }
  if (resolver.canAnswer !== undefined && !resolver.canAnswer(reverseName)) {
    facts.notAsked = `${reverseName} is outside the zone files given, and the run is offline`;
    return facts;
  }
  facts.lookup = await resolver.lookup(reverseName, 'PTR');
  const targets = ptrTargetsOf(facts.lookup).filter((name) => name !== '');
  if (targets.length > MAX_PTR_NAMES) facts.namesNotLookedUp = targets.slice(MAX_PTR_NAMES);
  const forwardType = ip.family === 4 ? 'A' : 'AAAA';
  facts.names = await Promise.all(
    targets.slice(0, MAX_PTR_NAMES).map(async (name): Promise<PtrName> => {
      const unaskable = queryNameProblem(name);
      if (unaskable !== undefined) return { name, confirmed: false, unaskable };
      const forward = await resolver.lookup(name, forwardType);
      const generic = genericSigns(name, ip.bytes);
      return { name, forward, confirmed: holdsAddress(forward, ip.address), ...(generic === undefined ? {} : { generic }) };
    }),
  );
  return facts;
}
