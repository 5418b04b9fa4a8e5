import { defineCheck } from '../src/define-check.js';
import { addressFieldsOf, fieldPrefix, problemFinding, type AddressFieldView } from '../src/message/address.js';
import type { Finding } from '../src/types.js';

function inspectSender(views: readonly AddressFieldView[]): Finding[] {
  const findings: Finding[] = [];
  const senders = views.filter((view) => view.role === 'sender');
  for (const view of senders) {
    const syntax = view.parsed.problems.filter((problem) => problem.category === 'syntax');
    findings.push(...syntax.map((problem) => problemFinding(view, problem)));
    if (syntax.length > 0 || view.parsed.problems.some((problem) => problem.category === 'unquoted-display-name')) continue;
    const groups = view.parsed.entries.filter((entry) => entry.kind === 'group').length;
    const count = view.parsed.mailboxes.length;
    if (groups > 0 || count !== 1) {
      findings.push({
        message: `${fieldPrefix(view)}must be exactly one mailbox (RFC 5322 3.6.2), but it ${groups > 0 ? 'is a group' : `names ${count} mailboxes`}: name the single mailbox that sends the message`,
        line: view.line,
        column: view.column,
        fix: 'write "Sender: Name <sender@your-domain>"',
      });
    }
  }
  const from = views.find((view) => view.role === 'from');
  if (senders.length === 0 && from && from.parsed.mailboxes.length > 1) {
    findings.push({
      message: `${fieldPrefix(from)}names ${from.parsed.mailboxes.length} mailboxes but there is no Sender field; RFC 5322 3.6.2 requires one naming the mailbox that actually sent the message`,
      line: from.line,
      column: from.column,
      fix: `add "Sender: ${from.parsed.mailboxes[0]!.address}" (or keep one mailbox in From)`,
    });
  }
  return findings;
}

export default defineCheck({
  id: 'sender-invalid',
  title: 'Sender is not exactly one mailbox, or is missing for a multi-author From',
  target: 'message',
  defaultSeverity: 'error',
  prevents: '550 5.7.1 / 554 5.7.1 rejections of header sections that break RFC 5322 3.6.2 (strict gateways, Gmail "not RFC 5322 compliant")',
  references: ['RFC 5322 3.6.2'],
  needs: [],
  run({ message }) {
    return inspectSender(addressFieldsOf(message));
  },
});
