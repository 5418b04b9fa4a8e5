import { defineCheck } from '../src/define-check.js';
import { isFailedLookup } from '../src/auth/txt.js';
import { describeFailedLookup } from '../src/dns/mx-facts.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'dkim-key-missing',
  title: 'No DKIM key at the selector',
  target: 'domain',
  defaultSeverity: 'error',
  prevents:
    'DKIM failing at every receiver ("dkim=permerror (no key for signature)"): without an aligned DKIM pass, a domain under p=quarantine/reject depends on SPF alone, and Gmail answers "550 5.7.26" when that fails too',
  references: ['RFC 6376 3.6.2', 'RFC 6376 6.1.2'],
  needs: ['dkim'],
  run({ dkimKeys }) {
    const findings: Finding[] = [];
    for (const key of dkimKeys) {
      const data = { domain: key.domain, selector: key.selector, name: key.name };
      if (key.lookup === undefined) {
        findings.push({ severity: 'info', message: `not checked: the DKIM key of ${key.domain} at selector ${key.selector} (${key.notAsked})`, data });
      } else if (isFailedLookup(key.lookup)) {
        findings.push({
          message: `could not check the DKIM key of ${key.domain} at selector ${key.selector}: ${describeFailedLookup(key.lookup)}; the dkim-key-* checks were not made`,
          fix: 'retry later; if it persists, fix the nameservers of the name queried, or point maillint at a working resolver (--resolver, --timeout)',
          data: { ...data, status: key.lookup.status },
        });
      } else if (key.records.length === 0) {
        findings.push({
          message: `${key.domain} has no DKIM key at selector ${key.selector}: ${key.name} ${key.lookup.status === 'nxdomain' ? 'does not exist' : 'has no TXT record'}, so every signature made with it fails`,
          fix: `publish the public key of the signing service as a TXT record "v=DKIM1; k=rsa; p=<base64 key>" at ${key.name} (or the CNAME the service gives), or sign with a selector that has one`,
          data,
        });
      }
    }
    return findings;
  },
});
