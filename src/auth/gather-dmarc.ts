// Gathers the `dmarc` fact of one domain: policy discovery as RFC 7489 6.6.3 does it (the domain's
// `_dmarc` record, else its organizational domain's), the record parsed, and the 7.1 authorization
// records of report destinations in other organizational domains.

import { queryNameProblem } from '../dns/dns-name.js';
import type { LookupResult, Resolver } from '../dns/types.js';
import type { DmarcFacts, ReportUri } from './dmarc-types.js';
import { isDmarcRecord, looksMeantAsDmarc, parseDmarcRecord } from './dmarc.js';
import { isFailedLookup, txtRecordsOf } from './txt.js';

/** More report destinations than any real record names; past it the record is broken or hostile. */
export const MAX_REPORT_DESTINATIONS = 10;

function canAsk(resolver: Resolver, name: string): boolean {
  return resolver.canAnswer === undefined || resolver.canAnswer(name);
}

/**
 * The Public Suffix List side (tldts costs a domain run ~30 ms of start-up), loaded at its first need
 * and then kept: an import awaited per domain was two promises and a suspension for each.
 */
let organizationalDomainOf: ((domain: string) => string) | undefined;

async function loadOrganizationalDomain(): Promise<(domain: string) => string> {
  return (organizationalDomainOf ??= (await import('./organizational-domain.js')).organizationalDomain);
}

/** A host at or below the policy domain is in its organization, whatever the Public Suffix List says. */
function isAtOrBelow(host: string, domain: string): boolean {
  return host === domain || (host.endsWith(domain) && host.charCodeAt(host.length - domain.length - 1) === DOT);
}

const DOT = 0x2e;

async function reportAuthorizations(facts: DmarcFacts, resolver: Resolver): Promise<void> {
  const record = facts.records[0]!;
  const policyDomain = facts.policyDomain!;
  // Others need the Public Suffix List, loaded only then.
  let others: ReportUri[] | undefined;
  for (const uri of record.reportUris) if (uri.host !== undefined && !isAtOrBelow(uri.host, policyDomain)) (others ??= []).push(uri);
  if (others === undefined) return;
  const organizationalDomain = organizationalDomainOf ?? (await loadOrganizationalDomain());
  const ownOrganization = organizationalDomain(policyDomain);
  const byDestination = new Map<string, string[]>();
  for (const uri of others) {
    const host = uri.host!;
    if (organizationalDomain(host) === ownOrganization) continue;
    byDestination.set(host, [...(byDestination.get(host) ?? []), uri.uri]);
  }
  // Reports kept in the organization (a parent domain's address) ask nothing more.
  if (byDestination.size === 0) return;
  const destinations = [...byDestination].slice(0, MAX_REPORT_DESTINATIONS);
  if (byDestination.size > MAX_REPORT_DESTINATIONS) facts.destinationsNotChecked = [...byDestination.keys()].slice(MAX_REPORT_DESTINATIONS);
  facts.reportAuthorizations = await Promise.all(
    destinations.map(async ([destination, uris]) => {
      const name = `${policyDomain}._report._dmarc.${destination}`;
      // Unaskable (too long for DNS, or outside the zone files offline): reported as not checked.
      if (queryNameProblem(name) !== undefined || !canAsk(resolver, name)) return { destination, name, uris, authorized: false };
      const lookup = await resolver.lookup(name, 'TXT');
      return { destination, name, uris, lookup, authorized: txtRecordsOf(lookup).some(isDmarcRecord) };
    }),
  );
}

/** Asks `_dmarc.<domain>`; true when the answer settles discovery (records found, or a failure). */
async function discoverAt(facts: DmarcFacts, domain: string, resolver: Resolver): Promise<boolean> {
  const name = `_dmarc.${domain}`;
  // A domain of 247 octets or more has no `_dmarc` name DNS can hold: no record can be there.
  if (queryNameProblem(name) !== undefined) return false;
  if (!canAsk(resolver, name)) {
    facts.notAsked.push(name);
    return true;
  }
  const lookup: LookupResult = await resolver.lookup(name, 'TXT');
  facts.lookups.push(lookup);
  if (isFailedLookup(lookup)) return true;
  // One pass over the answer, without the arrays of a filter per kind of record.
  for (const text of txtRecordsOf(lookup)) {
    if (isDmarcRecord(text)) facts.records.push(parseDmarcRecord(text));
    else if (looksMeantAsDmarc(text)) facts.discarded.push({ name, text });
  }
  if (facts.records.length === 0) return false;
  facts.policyDomain = domain;
  return true;
}

export async function gatherDmarcFacts(domain: string, resolver: Resolver): Promise<DmarcFacts> {
  const facts: DmarcFacts = { domain, lookups: [], notAsked: [], records: [], discarded: [], reportAuthorizations: [] };
  const settled = await discoverAt(facts, domain, resolver);
  if (!settled) {
    const organizationalDomain = organizationalDomainOf ?? (await loadOrganizationalDomain());
    facts.organizationalDomain = organizationalDomain(domain);
    if (facts.organizationalDomain !== domain) await discoverAt(facts, facts.organizationalDomain, resolver);
  }
  if (facts.records.length === 1) await reportAuthorizations(facts, resolver);
  return facts;
}
