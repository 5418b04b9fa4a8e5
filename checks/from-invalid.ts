import { defineCheck } from '../src/define-check.js';
import { addressFieldsOf, fieldPrefix, problemFinding, type AddressFieldView } from '../src/message/address.js';
import type { Finding } from '../src/types.js';

/** Findings about the From fields among `views`: unparseable, no mailbox, a name without an address, an empty group. */
function inspectFrom(views: readonly AddressFieldView[]): Finding[] {
  const findings: Finding[] = [];
  for (const view of views) {
    if (view.role !== 'from') continue;
    const syntax = view.parsed.problems.filter((problem) => problem.category === 'syntax');
    findings.push(...syntax.map((problem) => problemFinding(view, problem)));
    const unreadable = view.parsed.problems.some((problem) => problem.category === 'syntax' || problem.category === 'unquoted-display-name');
    if (!unreadable && view.parsed.mailboxes.length === 0) {
      const group = view.parsed.entries.find((entry) => entry.kind === 'group');
      findings.push({
        message: `${fieldPrefix(view)}names no mailbox${group?.kind === 'group' ? ` (the group "${group.group.displayName}" is empty)` : ''}: replies and bounces have nowhere to go, and receivers reject mail without an author address`,
        ...view.locate(group?.kind === 'group' ? group.group.index : 0),
        fix: 'write "From: Your Name <you@your-domain>"',
      });
    }
  }
  return findings;
}

export default defineCheck({
  id: 'from-invalid',
  title: 'From header cannot be read as an author mailbox',
  target: 'message',
  defaultSeverity: 'error',
  prevents: '550 5.7.1 / 554 5.7.1 rejections for an invalid or missing author address (DMARC receivers need one From domain); Gmail: "550-5.7.1 ... not RFC 5322 compliant"',
  references: ['RFC 5322 3.4', 'RFC 5322 3.6.2', 'RFC 6854', 'RFC 7489 6.6.1'],
  needs: [],
  run({ message }) {
    return inspectFrom(addressFieldsOf(message));
  },
});
