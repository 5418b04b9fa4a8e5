import { describeExchange, describeFailedLookup, isFailure } from '../src/dns/mx-facts.js';
import type { LookupResult } from '../src/dns/types.js';
import type { DomainCheck, Finding } from '../src/types.js';

const RETRY = 'retry later; if it persists, fix the nameservers of the name queried, or point maillint at a working resolver (--resolver, --timeout)';

function failed(result: LookupResult, subject: string): Finding {
  return {
    message: `could not check ${subject}: ${describeFailedLookup(result)}; the checks that need this answer were not made`,
    fix: RETRY,
    data: { query: result.query, status: result.status, ...(result.server ? { server: result.server } : {}) },
  };
}

export default {
  id: 'dns-lookup-failed',
  title: 'A DNS lookup the domain audit needs failed',
  target: 'domain',
  defaultSeverity: 'error',
  prevents: 'a false "all clear": a timeout, SERVFAIL or REFUSED is not the same as a correct answer, and senders meeting it defer ("451 4.4.3 temporary lookup failure") and later bounce',
  references: ['RFC 1035 4.1.1', 'RFC 2308 7', 'RFC 5321 5.1'],
  needs: ['mx'],
  run({ domain }) {
    const findings: Finding[] = [];
    if (isFailure(domain.mx)) findings.push(failed(domain.mx, `the mail setup of ${domain.domain}`));
    for (const fallback of [domain.a, domain.aaaa]) {
      if (fallback && isFailure(fallback)) findings.push(failed(fallback, `the implicit MX (A/AAAA fallback) of ${domain.domain}`));
    }
    for (const exchange of domain.exchanges) {
      // The CNAME question is a follow-up to the A answer; when A itself failed, that one finding says it.
      const followUp = isFailure(exchange.a) ? undefined : exchange.cname;
      for (const result of [exchange.a, exchange.aaaa, followUp]) {
        if (result && isFailure(result)) findings.push(failed(result, describeExchange(domain.domain, exchange)));
      }
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
} satisfies DomainCheck;
