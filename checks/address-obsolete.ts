import { defineCheck } from '../src/define-check.js';
import { problemFinding } from '../src/message/address.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'address-obsolete',
  title: 'Address uses obsolete RFC 5322 syntax',
  target: 'address',
  defaultSeverity: 'warn',
  prevents: 'rejections and misreadings by software that implements only current syntax ("501 5.1.3", addresses silently cut at a route or a stray comma); RFC 5322 4: obsolete forms MUST NOT be generated',
  references: ['RFC 5322 4', 'RFC 5322 4.1', 'RFC 5322 4.4'],
  needs: [],
  run({ addresses }) {
    const findings: Finding[] = [];
    for (const view of addresses) {
      for (const problem of view.parsed.problems) {
        if (problem.category !== 'obsolete') continue;
        // Every obsolete form weighs the same: the rule's severity decides.
        const { severity: _weight, ...finding } = problemFinding(view, problem);
        findings.push(finding);
      }
    }
    return findings;
  },
});
