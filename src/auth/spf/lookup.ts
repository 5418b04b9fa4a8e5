// DNS as SPF evaluation sees it: records of the asked type, nothing (no such name, no data), or an
// SpfAbort carrying temperror when the question could not be answered.

import type IpaddrModule from 'ipaddr.js';
import { normalizeName, queryNameProblem } from '../../dns/dns-name.js';
import type { DnsRecord, RecordType, Resolver } from '../../dns/types.js';

/** Ends an evaluation with temperror or permerror; `message` says why. */
export class SpfAbort extends Error {
  override name = 'SpfAbort';
  constructor(
    readonly result: 'temperror' | 'permerror',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The records of type `type` at `name` (empty for NXDOMAIN or no data). A name DNS cannot hold (a macro
 * expanded into a label of spaces or "+", say) exists nowhere: it is not sent and finds nothing.
 */
export async function lookupForSpf(resolver: Resolver, name: string, type: RecordType): Promise<DnsRecord[]> {
  if (queryNameProblem(normalizeName(name)) !== undefined) return [];
  const answer = await resolver.lookup(name, type);
  if (answer.status === 'nxdomain' || answer.status === 'nodata') return [];
  if (answer.status !== 'ok') throw new SpfAbort('temperror', answer.detail);
  return answer.records.filter((record) => record.type === type);
}

/** The in-addr.arpa or ip6.arpa name of an address. */
export function reverseName(address: IpaddrModule.IPv4 | IpaddrModule.IPv6): string {
  const bytes = address.toByteArray();
  if (bytes.length === 4) return `${[...bytes].reverse().join('.')}.in-addr.arpa`;
  const nibbles = bytes.flatMap((byte) => [byte >> 4, byte & 15]).map((nibble) => nibble.toString(16));
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}

/**
 * Whether check_host() may look the domain up at all (RFC 7208 4.3): a multi-label name whose labels
 * are 1-63 octets, 253 at most. Anything else (a domain literal, "A...example.com") is result none.
 */
export function isCheckableDomain(domain: string): boolean {
  const name = normalizeName(domain);
  return name.includes('.') && queryNameProblem(name) === undefined;
}
