import { defineCheck } from '../src/define-check.js';
import { addressFieldsOf, fieldPrefix, type AddressFieldView } from '../src/message/address.js';
import type { Finding } from '../src/types.js';

function inspectFromCount(views: readonly AddressFieldView[]): Finding[] {
  const findings: Finding[] = [];
  for (const view of views) {
    if (view.role !== 'from' || view.parsed.mailboxes.length < 2) continue;
    const second = view.parsed.mailboxes[1]!;
    findings.push({
      message: `${fieldPrefix(view)}names ${view.parsed.mailboxes.length} authors (${view.parsed.mailboxes.map((mailbox) => mailbox.address).join(', ')}); RFC 5322 allows that only with a Sender field, and DMARC receivers often reject or junk mail whose From has several addresses: name one author and put the others in Reply-To or Cc`,
      ...view.locate(second.index),
      fix: `keep one mailbox in From, e.g. "From: ${view.parsed.mailboxes[0]!.address}"`,
    });
  }
  return findings;
}

export default defineCheck({
  id: 'from-multiple',
  title: 'From names more than one mailbox',
  target: 'message',
  defaultSeverity: 'warn',
  prevents: '550 5.7.1 rejections by DMARC receivers that refuse multi-author From fields (RFC 7489 6.6.1), and mail clients that show only the first author',
  references: ['RFC 5322 3.6.2', 'RFC 7489 6.6.1'],
  needs: [],
  run({ message }) {
    return inspectFromCount(addressFieldsOf(message));
  },
});
