import { defineCheck } from '../src/define-check.js';
import { shorten } from '../src/auth/txt.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'dmarc-invalid',
  title: 'DMARC record breaks RFC 7489',
  target: 'domain',
  defaultSeverity: 'error',
  prevents:
    'a record receivers discard or misread (no exact v=DMARC1 first, a bad p=, a broken rua=) leaves the domain with no policy: Gmail and Yahoo answer "550 5.7.26" for bulk mail, and reports never arrive',
  references: ['RFC 7489 6.3', 'RFC 7489 6.4', 'RFC 7489 6.6.3'],
  needs: ['dmarc'],
  run({ dmarc }) {
    const findings: Finding[] = dmarc.discarded.map(({ name, text }) => ({
      message: `the TXT record "${shorten(text)}" at ${name} is discarded by receivers: a DMARC record must start with exactly "v=DMARC1" (upper case, first)${name === `_dmarc.${dmarc.domain}` ? '' : ` (the policy of ${dmarc.domain} is looked up there)`}`,
      fix: `start the record with "v=DMARC1;" (exactly so), then "p=…"`,
      data: { domain: dmarc.domain, name, column: 1 },
    }));
    if (dmarc.records.length !== 1) return findings;
    const name = `_dmarc.${dmarc.policyDomain}`;
    for (const problem of dmarc.records[0]!.problems) {
      findings.push({
        severity: problem.severity,
        message: `DMARC record of ${dmarc.domain} at ${name}, character ${problem.column}: ${problem.message}`,
        fix: 'correct the record as RFC 7489 6.3 says; for example "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com"',
        data: { domain: dmarc.domain, name, column: problem.column, record: dmarc.records[0]!.text.slice(0, 200) },
      });
    }
    return findings;
  },
});
