import { defineCheck } from '../src/define-check.js';
import { fieldPrefix } from '../src/message/address.js';
import { specialUseReason } from '../src/net/special-use-domains.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'address-special-use-domain',
  title: 'Address in a special-use domain that receives no mail',
  target: 'address',
  defaultSeverity: 'error',
  prevents: '550 5.1.2 "Host or domain name not found" and 553 5.1.8 "Sender address domain does not exist" bounces for test and placeholder addresses (.test, .invalid, .localhost, .local, .example …)',
  references: ['RFC 2606', 'RFC 6761', 'RFC 6762', 'RFC 7686', 'RFC 8375', 'RFC 9476'],
  needs: [],
  options: {
    reportDocumentationDomains: {
      type: 'boolean',
      default: false,
      description: 'also report example.com, example.net and example.org (RFC 2606 documentation domains)',
    },
  },
  run({ addresses, options }) {
    const findings: Finding[] = [];
    for (const view of addresses) {
      for (const mailbox of view.parsed.mailboxes) {
        if (mailbox.hostname === undefined) continue;
        const why = specialUseReason(mailbox.hostname, { reportDocumentationDomains: options.reportDocumentationDomains });
        if (!why) continue;
        findings.push({
          message: `${fieldPrefix(view)}${mailbox.address} cannot receive mail: ${why}; a test or placeholder address was left in: use the real address`,
          ...view.locate(mailbox.domainIndex),
        });
      }
    }
    return findings;
  },
});
