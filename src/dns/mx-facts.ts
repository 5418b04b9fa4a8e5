// Reading gathered domain facts the way the mx-* checks need them, so that each check states only
// its own rule: which MX records a domain has, which addresses an answer holds, whether a name was
// answered with a CNAME, how to name a failed lookup.

import type { ExchangeFacts } from './domain-facts-types.js';
import { ipFamilyOf } from '../net/ip.js';
import { failureDetail } from './lookup-detail.js';
import type { DnsRecord, LookupResult } from './types.js';

export type MxRecord = Extract<DnsRecord, { type: 'MX' }>;

/** The MX records of a successful MX answer (after any CNAME chain of the domain itself). */
export function mxRecordsOf(result: LookupResult): MxRecord[] {
  if (result.status !== 'ok') return [];
  return result.records.filter((record): record is MxRecord => record.type === 'MX');
}

/** The RFC 7505 null MX exchange: the root, `.`, kept as the empty string once normalised. */
export function isNullExchange(exchange: string): boolean {
  return exchange === '';
}

/** `MX 10 mail.example.com.` — how a zone file writes it, so users can find it in theirs. */
export function describeMx(preference: number, exchange: string): string {
  return `MX ${preference} ${exchange}.`;
}

export function describeExchange(domain: string, exchange: ExchangeFacts): string {
  return `${describeMx(exchange.preference, exchange.exchange)} of ${domain}`;
}

/**
 * The IP address an exchange was written as, or undefined when it is a host name. Catches the
 * zone-file slip `MX 10 192.0.2.1` (no trailing dot), which publishes `192.0.2.1.example.com`.
 */
export function ipLiteralOf(exchange: string): string | undefined {
  // Every form below starts with a digit, "[", or (IPv6, always with a colon) a hex digit or
  // "ipv6:": a name that starts with another letter and has no colon holds none, and most
  // exchanges are such names (mail.example.com), asked about several times per domain.
  if (/^[g-z]/i.test(exchange) && !exchange.includes(':')) return undefined;
  const bare = exchange.startsWith('[') && exchange.endsWith(']') ? exchange.slice(1, -1) : exchange;
  if (ipFamilyOf(bare) !== 0) return bare;
  const ipv6 = bare.startsWith('ipv6:') ? bare.slice(5) : undefined;
  if (ipv6 !== undefined && ipFamilyOf(ipv6) === 6) return ipv6;
  const leading = bare.split('.').slice(0, 4).join('.');
  if (bare.split('.').length > 4 && ipFamilyOf(leading) === 4) return leading;
  return undefined;
}

/** Addresses (A and AAAA records) in an answer; none unless the answer succeeded. */
export function addressesOf(result: LookupResult | undefined): string[] {
  const addresses: string[] = [];
  if (result === undefined || result.status !== 'ok') return addresses;
  for (const record of result.records) if (record.type === 'A' || record.type === 'AAAA') addresses.push(record.address);
  return addresses;
}

/** The CNAME chain in an answer, starting with the record `name` owns (empty when it owns none). */
function cnameChainFrom(result: LookupResult, name: string): Extract<DnsRecord, { type: 'CNAME' }>[] {
  if (result.status !== 'ok' && result.status !== 'nodata') return [];
  const cnames = result.records.filter((record): record is Extract<DnsRecord, { type: 'CNAME' }> => record.type === 'CNAME');
  const first = cnames.findIndex((record) => record.name === name);
  return first === -1 ? [] : cnames.slice(first);
}

/** The alias chain starting at an exchange, from whichever of its answers shows it. */
export function exchangeAliasChain(exchange: ExchangeFacts): Extract<DnsRecord, { type: 'CNAME' }>[] {
  for (const result of [exchange.a, exchange.aaaa, exchange.cname]) {
    const chain = result === undefined ? [] : cnameChainFrom(result, exchange.exchange);
    if (chain.length > 0) return chain;
  }
  return [];
}

export function isFailure(result: LookupResult | undefined): boolean {
  return result !== undefined && result.status !== 'ok' && result.status !== 'nodata' && result.status !== 'nxdomain';
}

/** The name does not exist, or exists without records of the asked type: a definite answer. */
export function isDefinitelyEmpty(result: LookupResult | undefined): boolean {
  return result !== undefined && (result.status === 'nodata' || result.status === 'nxdomain');
}

/**
 * "MX lookup for example.com: no answer from 127.0.0.1:53 within 5000 ms": the resolver's own
 * detail when it gave one (it is the more precise), else what the status means.
 */
export function describeFailedLookup(result: LookupResult): string {
  const server = result.server ?? 'the resolver';
  const what: Record<string, string> = {
    servfail: `SERVFAIL from ${server}`,
    refused: `REFUSED by ${server}`,
    timeout: `no answer from ${server} before the deadline`,
    malformed: `malformed answer from ${server}`,
    'network-error': `network error talking to ${server}`,
  };
  const explained = failureDetail(result) || (what[result.status] ?? `${result.status} from ${server}`);
  return `${result.query.type} lookup for ${result.query.name || '.'}: ${explained}`;
}
