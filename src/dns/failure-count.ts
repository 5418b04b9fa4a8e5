// Counts the distinct lookups of a run that failed (timeout, SERVFAIL, REFUSED, malformed, network),
// whatever the rules make of them: with dns-lookup-failed or dnsbl-unusable turned off, a run whose
// every lookup failed must still not read as clean.

import type { LookupResult, RecordType, Resolver } from './types.js';

const FAILURES = new Set<LookupResult['status']>(['servfail', 'refused', 'timeout', 'malformed', 'network-error']);

export interface CountingResolver extends Resolver {
  /** Distinct (name, type) questions asked so far whose answer was a failure. */
  failedLookups(): number;
}

export function countFailures(resolver: Resolver): CountingResolver {
  const failed = new Set<string>();
  const counting: CountingResolver = {
    // A then, not an async function: one promise per lookup rather than two and a suspended frame.
    lookup(name: string, type: RecordType) {
      return resolver.lookup(name, type).then((result) => {
        if (FAILURES.has(result.status)) failed.add(`${type} ${name.toLowerCase()}`);
        return result;
      });
    },
    failedLookups: () => failed.size,
  };
  if (resolver.canAnswer) counting.canAnswer = (name) => resolver.canAnswer!(name);
  if (resolver.mailDomains) counting.mailDomains = () => resolver.mailDomains!();
  if (resolver.close) counting.close = () => resolver.close!();
  return counting;
}
