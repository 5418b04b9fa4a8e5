import { defineCheck } from '../src/define-check.js';
import { fieldPrefix, type AddressFieldView, type Mailbox } from '../src/message/address.js';
import { fieldBytes } from '../src/message/field-bytes.js';
import { suggestProviderDomain } from '../src/message/typo-domains.js';
import type { Finding, FixSuggestion } from '../src/types.js';

/**
 * The corrected domain as a suggestion, never a fix: gmial.com may be what the sender meant (a
 * real domain one letter from a provider's), so only a person may apply it.
 */
function suggestDomain(view: AddressFieldView, mailbox: Mailbox, suggestion: string, corrected: string): FixSuggestion[] {
  const bytes = view.field ? fieldBytes(view.field) : undefined;
  const end = mailbox.domainIndex + mailbox.domain.length;
  if (!bytes || view.field!.value.slice(mailbox.domainIndex, end) !== mailbox.domain) return [];
  return [{ message: `write ${corrected}`, edits: [{ range: [bytes.offsetOf(mailbox.domainIndex), bytes.offsetOf(end)], text: suggestion }] }];
}

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
          suggestions: suggestDomain(view, mailbox, suggestion, corrected),
        });
      }
    }
    return findings;
  },
});
