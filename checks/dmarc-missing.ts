import { defineCheck } from '../src/define-check.js';
import { isFailedLookup } from '../src/auth/txt.js';
import { describeFailedLookup } from '../src/dns/mx-facts.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'dmarc-missing',
  title: 'Domain publishes no DMARC policy',
  target: 'domain',
  defaultSeverity: 'warn',
  prevents:
    'Gmail and Yahoo (since February 2024) reject bulk mail from a domain without DMARC: "550 5.7.26 Unauthenticated email from example.com is not accepted due to domain\'s DMARC policy" / "550 5.7.9 … DMARC policy required"',
  references: ['RFC 7489 6.1', 'RFC 7489 6.6.3', 'RFC 7489 3.2'],
  needs: ['dmarc', 'mx'],
  run({ dmarc, domain }): Finding[] {
    const failed = dmarc.lookups.find(isFailedLookup);
    if (failed) {
      return [
        {
          severity: 'error',
          message: `could not check the DMARC policy of ${dmarc.domain}: ${describeFailedLookup(failed)}; the dmarc-* checks that need this answer were not made`,
          fix: 'retry later; if it persists, fix the nameservers of the name queried, or point maillint at a working resolver (--resolver, --timeout)',
          data: { query: failed.query, status: failed.status },
        },
      ];
    }
    // A domain that does not exist is domain-nxdomain's to report, and one whose existence could not
    // be learnt dns-lookup-failed's: the MX answer (asked by the audit anyway) says which.
    if (dmarc.records.length > 0 || (domain.mx.status !== 'ok' && domain.mx.status !== 'nodata')) return [];
    if (dmarc.notAsked.length > 0) {
      return [
        {
          severity: 'info',
          message: `not checked: the DMARC policy of ${dmarc.domain} (${dmarc.notAsked.join(', ')}) is outside the zone files given, and the run is offline`,
          fix: `to check it, add the zone file that holds ${dmarc.notAsked.join(' and ')} (--zone) or run without --offline`,
          data: { notAsked: dmarc.notAsked },
        },
      ];
    }
    const organization = dmarc.organizationalDomain ?? dmarc.domain;
    const where = organization === dmarc.domain ? `_dmarc.${dmarc.domain}` : `_dmarc.${dmarc.domain} or _dmarc.${organization}`;
    const discarded = dmarc.discarded.length > 0 ? ' (a TXT record there looks meant as DMARC, but receivers discard it: see dmarc-invalid)' : '';
    return [
      {
        message: `${dmarc.domain} has no DMARC record at ${where}${discarded}: Gmail and Yahoo reject bulk mail from it, and anyone can send mail in its name unchallenged`,
        fix: `publish a TXT record "v=DMARC1; p=none; rua=mailto:dmarc-reports@${organization}" at _dmarc.${organization}, read the reports, then move to p=quarantine or p=reject`,
        data: { domain: dmarc.domain, organizationalDomain: organization },
      },
    ];
  },
});
