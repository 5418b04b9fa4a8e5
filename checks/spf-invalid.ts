import { parsedNodes, quote, recordName, termAt } from '../src/auth/spf/describe.js';
import { flatten, type SpfFacts, type SpfNode } from '../src/auth/spf/tree.js';
import { defineCheck } from '../src/define-check.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'spf-invalid',
  title: 'SPF record with a syntax error or a missing include/redirect target',
  target: 'domain',
  defaultSeverity: 'error',
  prevents:
    'an SPF permerror at every receiver (RFC 7208 4.6: one bad term voids the whole record), so SPF never passes: Gmail\'s "550 5.7.26" when DKIM does not pass either, DMARC failures under p=quarantine or p=reject',
  references: ['RFC 7208 4.6', 'RFC 7208 5', 'RFC 7208 5.2', 'RFC 7208 6.1', 'RFC 7208 7'],
  needs: ['spf'],
  run({ spf }) {
    const findings: Finding[] = [];
    for (const node of parsedNodes(spf)) {
      for (const error of node.parsed!.errors) {
        findings.push({
          message: `${spf.domain}: ${termAt(spf, node, { text: error.term, offset: error.offset })}: ${error.message}; one bad term makes every receiver's SPF check a permerror`,
          fix: 'correct the term (RFC 7208 5, 6 and 7 give the syntax) or remove it',
          data: { domain: spf.domain, record: node.domain, term: error.term, offset: error.offset },
        });
      }
    }
    for (const node of flatten(spf.root)) {
      if (node !== spf.root) findings.push(...targetProblems(spf, node));
    }
    return findings;
  },
});

/** An include or redirect whose target has no SPF record, or several: permerror (RFC 7208 5.2, 6.1). */
function targetProblems(spf: SpfFacts, node: SpfNode): Finding[] {
  const parent = flatten(spf.root).find((candidate) => candidate.children.includes(node))!;
  const via = node.via!;
  const where = termAt(spf, parent, via);
  const data = { domain: spf.domain, record: parent.domain, term: via.text, offset: via.offset, target: node.domain };
  if (node.status === 'none' || node.status === 'nxdomain') {
    const absent = node.status === 'nxdomain' ? 'does not exist' : 'publishes no SPF record';
    return [
      {
        message: `${spf.domain}: ${where}: ${node.domain} ${absent}, and an include or redirect to a domain without SPF is a permerror`,
        fix: `correct the domain in ${quote(via.text)}, or remove the term if that service no longer sends for ${spf.domain}`,
        data,
      },
    ];
  }
  if (node.records.length > 1) {
    return [
      {
        message: `${spf.domain}: ${where}: ${recordName(spf, node)} is one of ${node.records.length} SPF records at ${node.domain}, which is a permerror`,
        fix: `ask the owner of ${node.domain} to publish one SPF record, or stop including it`,
        data,
      },
    ];
  }
  return [];
}
