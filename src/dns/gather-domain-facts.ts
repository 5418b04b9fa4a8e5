// Gathers the `mx` fact of one domain through a Resolver: the MX answer, then every exchange's A and
// AAAA at once (or the domain's own A/AAAA when it has no MX), for the domain checks to judge.

import type { DomainFacts, ExchangeFacts } from './domain-facts-types.js';
import { ipLiteralOf, isNullExchange, mxRecordsOf } from './mx-facts.js';
import type { LookupResult, Resolver } from './types.js';

/** More exchanges than any real domain lists; past it an MX set is broken or hostile. */
export const MAX_EXCHANGES = 16;

function isBareIpLiteral(exchange: string): boolean {
  const address = ipLiteralOf(exchange);
  return address !== undefined && !exchange.includes(`${address}.`);
}

/** Distinct exchanges by lowest preference; null MX and IP literals are judged from the MX answer alone. */
function exchangesToLookUp(mx: LookupResult): [string, number][] {
  const preferences = new Map<string, number>();
  for (const record of mxRecordsOf(mx).sort((left, right) => left.preference - right.preference || left.exchange.localeCompare(right.exchange))) {
    if (isNullExchange(record.exchange) || isBareIpLiteral(record.exchange)) continue;
    if (!preferences.has(record.exchange)) preferences.set(record.exchange, record.preference);
  }
  return [...preferences.entries()];
}

async function exchangeFacts(resolver: Resolver, exchange: string, preference: number): Promise<ExchangeFacts> {
  const [a, aaaa] = await Promise.all([resolver.lookup(exchange, 'A'), resolver.lookup(exchange, 'AAAA')]);
  const facts: ExchangeFacts = { exchange, preference, a, aaaa };
  // NXDOMAIN and REFUSED carry no records: only a CNAME question shows whether the exchange is
  // an alias (whose target is missing, or lies outside the zone files: mx-cname reports both).
  // A SERVFAIL (a CNAME loop among others) is left to dns-lookup-failed alone.
  if (a.status === 'nxdomain' || a.status === 'refused') facts.cname = await resolver.lookup(exchange, 'CNAME');
  return facts;
}

/**
 * A resolver that says NXDOMAIN for a top-level domain the Public Suffix List knows (com, de, …) is
 * broken or filtering (some filtering resolvers deny everything they do not like), not a witness
 * that the domain is missing. A TLD outside the list (a typo such as .con, or .test) may really not
 * exist, so it is not asked. Zone files answer only for their zones, so they are not asked either.
 */
async function deniedTopLevelDomain(domain: string, resolver: Resolver): Promise<DomainFacts['topLevelDomainDenied']> {
  if (resolver.canAnswer !== undefined) return undefined;
  const { parse } = await import('tldts');
  if (parse(domain).isIcann !== true) return undefined;
  const topLevelDomain = domain.slice(domain.lastIndexOf('.') + 1);
  const answer = await resolver.lookup(topLevelDomain, 'SOA');
  if (answer.status !== 'nxdomain') return undefined;
  return { topLevelDomain, ...(answer.server ? { server: answer.server } : {}) };
}

export async function gatherDomainFacts(domain: string, resolver: Resolver): Promise<DomainFacts> {
  const mx = await resolver.lookup(domain, 'MX');
  const facts: DomainFacts = { domain, mx, exchanges: [] };
  if (mx.status === 'nxdomain') {
    const denied = await deniedTopLevelDomain(domain, resolver);
    if (denied) facts.topLevelDomainDenied = denied;
    return facts;
  }
  if (mx.status === 'nodata') {
    const [a, aaaa] = await Promise.all([resolver.lookup(domain, 'A'), resolver.lookup(domain, 'AAAA')]);
    facts.a = a;
    facts.aaaa = aaaa;
    return facts;
  }
  const listed = exchangesToLookUp(mx);
  const lookedUp = listed.slice(0, MAX_EXCHANGES);
  if (listed.length > MAX_EXCHANGES) facts.exchangesNotLookedUp = listed.slice(MAX_EXCHANGES).map(([exchange]) => exchange);
  // An offline run answers only from its zone files: an exchange outside them (a provider's host)
  // is not the zone's to check, and asking would only produce a failure.
  const outside = resolver.canAnswer === undefined ? [] : lookedUp.filter(([exchange]) => !resolver.canAnswer!(exchange));
  if (outside.length > 0) facts.exchangesOutsideZones = outside.map(([exchange, preference]) => ({ exchange, preference }));
  const asked = outside.length === 0 ? lookedUp : lookedUp.filter((entry) => !outside.includes(entry));
  facts.exchanges = await Promise.all(asked.map(([exchange, preference]) => exchangeFacts(resolver, exchange, preference)));
  return facts;
}
