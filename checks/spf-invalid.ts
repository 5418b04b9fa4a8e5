import { parsedNodes, quote, recordName, termAt } from '../src/auth/spf/describe.js';
import type { SpfFacts, SpfNode } from '../src/auth/spf/tree.js';
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
    addTargetProblems(findings, spf, spf.root);
    return findings;
  },
});

/** The target problems of the records below `parent`, parents before children (the tree's order). */
function addTargetProblems(findings: Finding[], spf: SpfFacts, parent: SpfNode): void {
  for (const node of parent.children) {
    const problem = targetProblem(spf, parent, node);
    if (problem !== undefined) findings.push(problem);
    addTargetProblems(findings, spf, node);
  }
}

/** An include or redirect whose target has no SPF record, or several: permerror (RFC 7208 5.2, 6.1). */
function targetProblem(spf: SpfFacts, parent: SpfNode, node: SpfNode): Finding | undefined {
  const absent = node.status === 'none' || node.status === 'nxdomain';
  // The wording is built for a problem only: most targets have one record.
  if (!absent && node.records.length <= 1) return undefined;
  const via = node.via!;
  const where = termAt(spf, parent, via);
  const data = { domain: spf.domain, record: parent.domain, term: via.text, offset: via.offset, target: node.domain };
  if (absent) {
    return {
      message: `${spf.domain}: ${where}: ${node.domain} ${node.status === 'nxdomain' ? 'does not exist' : 'publishes no SPF record'}, and an include or redirect to a domain without SPF is a permerror`,
      fix: `correct the domain in ${quote(via.text)}, or remove the term if that service no longer sends for ${spf.domain}`,
      data,
    };
  }
  return {
    message: `${spf.domain}: ${where}: ${recordName(spf, node)} is one of ${node.records.length} SPF records at ${node.domain}, which is a permerror`,
    fix: `ask the owner of ${node.domain} to publish one SPF record, or stop including it`,
    data,
  };
}
