import { defineCheck } from '../src/define-check.js';
import { fieldPrefix } from '../src/message/address.js';
import { suggestProviderDomain } from '../src/message/typo-domains.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'address-typo-domain',
  title: 'Address domain looks like a typo of a big mail provider',
  target: 'address',
  defaultSeverity: 'warn',
  prevents: '550 5.1.2 / 5.1.10 bounces (or silent loss to a typo-squatter) for recipients at gmial.com, hotmial.com, yahooo.com …',
  references: ['RFC 5321 5.1'],
  needs: [],
  options: {
    knownDomains: {
      type: 'string[]',
      default: [],
      description: 'domains never reported, for real domains of yours that happen to be one edit from a provider',
    },
  },
  run({ addresses, options }) {
    const findings: Finding[] = [];
    for (const view of addresses) {
      for (const mailbox of view.parsed.mailboxes) {
        if (mailbox.hostname === undefined) continue;
        const suggestion = suggestProviderDomain(mailbox.hostname, options.knownDomains);
        if (!suggestion) continue;
        const corrected = `${mailbox.localPart}@${suggestion}`;
        findings.push({
          message: `${fieldPrefix(view)}${mailbox.address}: "${mailbox.hostname}" looks like a typo of ${suggestion}; did you mean ${corrected}?`,
          ...view.locate(mailbox.domainIndex),
          fix: `write ${corrected}`,
        });
      }
    }
    return findings;
  },
});
