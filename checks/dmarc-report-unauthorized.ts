import { defineCheck } from '../src/define-check.js';
import { isFailedLookup } from '../src/auth/txt.js';
import { describeFailedLookup } from '../src/dns/mx-facts.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'dmarc-report-unauthorized',
  title: 'DMARC reports go to a domain that has not agreed to take them',
  target: 'domain',
  defaultSeverity: 'warn',
  prevents: 'DMARC reports silently dropped: receivers send rua/ruf reports to another organization only when it publishes the RFC 7489 7.1 authorization record',
  references: ['RFC 7489 7.1'],
  needs: ['dmarc'],
  run({ dmarc }) {
    const findings: Finding[] = [];
    for (const authorization of dmarc.reportAuthorizations) {
      if (authorization.authorized) continue;
      const data = { domain: dmarc.domain, destination: authorization.destination, name: authorization.name, uris: authorization.uris };
      if (authorization.lookup === undefined) {
        findings.push({
          severity: 'info',
          message: `not checked: whether ${authorization.destination} takes the DMARC reports of ${dmarc.domain} (${authorization.name} is outside the zone files given, and the run is offline)`,
          fix: 'run without --offline to check it',
          data,
        });
      } else if (isFailedLookup(authorization.lookup)) {
        findings.push({
          severity: 'error',
          message: `could not check whether ${authorization.destination} takes the DMARC reports of ${dmarc.domain}: ${describeFailedLookup(authorization.lookup)}`,
          fix: 'retry later; if it persists, fix the nameservers of the name queried, or point maillint at a working resolver (--resolver, --timeout)',
          data: { ...data, status: authorization.lookup.status },
        });
      } else {
        findings.push({
          message: `DMARC reports of ${dmarc.domain} go to ${authorization.destination}, which has not published a TXT record "v=DMARC1" at ${authorization.name}: receivers will not send them there (RFC 7489 7.1)`,
          fix: `ask the owner of ${authorization.destination} to publish a TXT record "v=DMARC1" at ${authorization.name} (report services publish one at *._report._dmarc.${authorization.destination}), or send reports to an address in your own domain`,
          data,
        });
      }
    }
    const skipped = dmarc.destinationsNotChecked ?? [];
    if (skipped.length > 0) {
      findings.push({
        severity: 'info',
        message: `not checked: ${skipped.length} more report destination${skipped.length === 1 ? '' : 's'} of ${dmarc.domain} in other organizations (${skipped.slice(0, 3).join(', ')}${skipped.length > 3 ? ', …' : ''}): more than maillint asks about for one record`,
        fix: 'send DMARC reports to one or two addresses; receivers cap the destinations they honour too',
        data: { domain: dmarc.domain, notChecked: skipped.length },
      });
    }
    return findings;
  },
});
