import { addressFieldsOf, fieldPrefix, type AddressFieldView } from '../src/message/address.js';
import { suggestProviderDomain } from '../src/message/typo-domains.js';
import type { CheckOptionValues, Finding, MessageCheck } from '../src/types.js';

export function inspectTypos(views: readonly AddressFieldView[], options: CheckOptionValues): Finding[] {
  const knownDomains = Array.isArray(options.knownDomains) ? (options.knownDomains as readonly string[]) : [];
  const findings: Finding[] = [];
  for (const view of views) {
    for (const mailbox of view.parsed.mailboxes) {
      if (mailbox.hostname === undefined) continue;
      const suggestion = suggestProviderDomain(mailbox.hostname, knownDomains);
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
}

export default {
  id: 'address-typo-domain',
  title: 'Address domain looks like a typo of a big mail provider',
  target: 'message',
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
  run({ message, options }) {
    return inspectTypos(addressFieldsOf(message), options);
  },
} satisfies MessageCheck;
