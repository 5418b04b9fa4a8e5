import { defineCheck } from '../src/define-check.js';
import { describeExchange, describeFailedLookup, isFailure } from '../src/dns/mx-facts.js';
import type { LookupResult } from '../src/dns/types.js';
import type { Finding } from '../src/types.js';

const RETRY = 'retry later; if it persists, fix the nameservers of the name queried, or point maillint at a working resolver (--resolver, --timeout)';

/** A CNAME loop or over-long chain is a mistake in the data, not a passing fault: retrying will not help. */
function fixFor(result: LookupResult): string {
  const detail = 'detail' in result ? result.detail : '';
  if (/CNAME loop|CNAME chain longer/.test(detail)) return 'break the CNAME loop (or shorten the chain) so the name ends at a record with an address';
  return RETRY;
}

function failed(result: LookupResult, subject: string, alsoFailed: readonly LookupResult[] = []): Finding {
  const also = alsoFailed.length > 0 ? ` (the ${alsoFailed.map((other) => other.query.type).join(' and ')} lookup failed too)` : '';
  return {
    message: `could not check ${subject}: ${describeFailedLookup(result)}${also}; the checks that need this answer were not made`,
    fix: fixFor(result),
    data: { query: result.query, status: result.status, ...(result.server ? { server: result.server } : {}) },
  };
}

export default defineCheck({
  id: 'dns-lookup-failed',
  title: 'A DNS lookup the domain audit needs failed',
  target: 'domain',
  defaultSeverity: 'error',
  prevents: 'a false "all clear": a timeout, SERVFAIL or REFUSED is not the same as a correct answer, and senders meeting it defer ("451 4.4.3 temporary lookup failure") and later bounce',
  references: ['RFC 1035 4.1.1', 'RFC 2308 7', 'RFC 5321 5.1'],
  needs: ['mx'],
  run({ domain }) {
    const findings: Finding[] = [];
    const denied = domain.topLevelDomainDenied;
    if (denied) {
      const resolver = denied.server ? `the resolver ${denied.server}` : 'the resolver';
      findings.push({
        message:
          `could not check ${domain.domain}: ${resolver} says it does not exist, and says the same of the top-level domain ` +
          `${denied.topLevelDomain}, which does exist: the resolver is broken or filtering, so its answers prove nothing`,
        fix: 'point maillint at a working recursive resolver (--resolver), one that does not filter or rewrite answers',
        data: { query: domain.mx.query, status: 'nxdomain', topLevelDomain: denied.topLevelDomain, ...(denied.server ? { server: denied.server } : {}) },
      });
    }
    if (isFailure(domain.mx)) findings.push(failed(domain.mx, `the mail setup of ${domain.domain}`));
    for (const fallback of [domain.a, domain.aaaa]) {
      if (fallback && isFailure(fallback)) findings.push(failed(fallback, `the implicit MX (A/AAAA fallback) of ${domain.domain}`));
    }
    for (const exchange of domain.exchanges) {
      // The CNAME question is a follow-up to the A answer; when A itself failed, that one finding says it.
      const followUp = isFailure(exchange.a) ? undefined : exchange.cname;
      // One finding per exchange: its A and AAAA usually fail for the same reason (a loop, a dead server).
      const failures = [exchange.a, exchange.aaaa, followUp].filter((result): result is LookupResult => result !== undefined && isFailure(result));
      if (failures.length > 0) findings.push(failed(failures[0]!, describeExchange(domain.domain, exchange), failures.slice(1)));
    }
    const outside = domain.exchangesOutsideZones ?? [];
    if (outside.length > 0) {
      const names = outside.map((exchange) => exchange.exchange);
      findings.push({
        severity: 'info',
        message:
          `not checked: MX exchange${names.length === 1 ? '' : 's'} ${names.join(', ')} of ${domain.domain} ` +
          `${names.length === 1 ? 'is' : 'are'} outside the zone files given, and the run is offline`,
        fix: `to check ${names.length === 1 ? 'it' : 'them'}, add the zone file that holds ${names.length === 1 ? 'it' : 'them'} (--zone) or run without --offline`,
        data: { notLookedUp: names, reason: 'outside-zones' },
      });
    }
    const skipped = domain.exchangesNotLookedUp ?? [];
    if (skipped.length > 0) {
      findings.push({
        message: `could not check ${skipped.length} more MX exchange${skipped.length === 1 ? '' : 's'} of ${domain.domain} (${skipped.slice(0, 5).join(', ')}${skipped.length > 5 ? ', …' : ''}): more exchanges than maillint looks up for one domain`,
        fix: `list fewer MX hosts for ${domain.domain}; senders try only a handful`,
        data: { notLookedUp: skipped },
      });
    }
    return findings;
  },
});
