// Gathers the `mx` fact of one domain through a Resolver: the MX answer, then every exchange's A and
// AAAA at once (or the domain's own A/AAAA when it has no MX), for the domain checks to judge.

import type { DomainFacts, ExchangeFacts } from './domain-facts-types.js';
import { ipLiteralOf, isNullExchange, mxRecordsOf } from './mx-facts.js';
import type { LookupResult, RecordType, Resolver } from './types.js';

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

export async function gatherDomainFacts(domain: string, resolver: Resolver): Promise<DomainFacts> {
  const lookup = (name: string, type: RecordType): Promise<LookupResult> => resolver.lookup(name, type);
  const mx = await lookup(domain, 'MX');
  const facts: DomainFacts = { domain, mx, exchanges: [] };
  if (mx.status === 'nodata') {
    const [a, aaaa] = await Promise.all([lookup(domain, 'A'), lookup(domain, 'AAAA')]);
    facts.a = a;
    facts.aaaa = aaaa;
    return facts;
  }
  const listed = exchangesToLookUp(mx);
  const lookedUp = listed.slice(0, MAX_EXCHANGES);
  if (listed.length > MAX_EXCHANGES) facts.exchangesNotLookedUp = listed.slice(MAX_EXCHANGES).map(([exchange]) => exchange);
  // An offline run answers only from its zone files: an exchange outside them (a provider's host)
  // is not the zone's to check, and asking would only produce a failure.
  const outside = lookedUp.filter(([exchange]) => resolver.canAnswer !== undefined && !resolver.canAnswer(exchange));
  if (outside.length > 0) facts.exchangesOutsideZones = outside.map(([exchange, preference]) => ({ exchange, preference }));
  facts.exchanges = await Promise.all(
    lookedUp.filter((entry) => !outside.includes(entry)).map(([exchange, preference]) => exchangeFacts(resolver, exchange, preference)),
  );
  return facts;
}
