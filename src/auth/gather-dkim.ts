// Gathers the `dkim` fact of one domain: the key record at `<selector>._domainkey.<domain>` for each
// selector the run knows for it (--dkim-selector and dkimSelectors, or a message's DKIM-Signature).

import { queryNameProblem } from '../dns/dns-name.js';
import type { Resolver } from '../dns/types.js';
import type { DkimKeyFacts } from './dkim-types.js';
import { txtRecordsOf } from './txt.js';

/** More selectors than one domain's audit asks; past it the input is broken or hostile. */
export const MAX_SELECTORS = 16;

async function gatherKey(domain: string, selector: string, resolver: Resolver): Promise<DkimKeyFacts> {
  const name = `${selector}._domainkey.${domain}`;
  const facts: DkimKeyFacts = { domain, selector, name, records: [] };
  const problem = queryNameProblem(name);
  if (problem !== undefined) {
    facts.notAsked = `${name} is not a name DNS can hold: ${problem}`;
    return facts;
  }
  if (resolver.canAnswer !== undefined && !resolver.canAnswer(name)) {
    facts.notAsked = `${name} is outside the zone files given, and the run is offline`;
    return facts;
  }
  facts.lookup = await resolver.lookup(name, 'TXT');
  facts.records = txtRecordsOf(facts.lookup);
  if (facts.records.length === 1) {
    // node:crypto (reading the key) is loaded only when there is a key to read.
    const { parseDkimKey } = await import('./dkim-key.js');
    facts.key = parseDkimKey(facts.records[0]!);
  }
  return facts;
}

export function gatherDkimKeys(domain: string, selectors: readonly string[], resolver: Resolver): Promise<DkimKeyFacts[]> {
  return Promise.all([...new Set(selectors)].slice(0, MAX_SELECTORS).map((selector) => gatherKey(domain, selector, resolver)));
}
