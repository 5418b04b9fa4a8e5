import { defineCheck } from '../src/define-check.js';
import { shorten } from '../src/auth/txt.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'dkim-key-invalid',
  title: 'DKIM key record is broken or revoked',
  target: 'domain',
  defaultSeverity: 'error',
  prevents:
    'DKIM failing at every receiver ("dkim=permerror (key syntax error)" / "key revoked"): under p=quarantine/reject with no aligned SPF pass either, Gmail answers "550 5.7.26"',
  references: ['RFC 6376 3.6.1', 'RFC 6376 3.6.2.2', 'RFC 8463 3'],
  needs: ['dkim'],
  run({ dkimKeys }) {
    const findings: Finding[] = [];
    for (const entry of dkimKeys) {
      const where = `DKIM key of ${entry.domain} at ${entry.name}`;
      const data = { domain: entry.domain, selector: entry.selector, name: entry.name };
      if (entry.records.length > 1) {
        findings.push({
          message: `${where}: ${entry.records.length} TXT records; receivers pick one at random (RFC 6376 3.6.2.2), so verification fails some of the time`,
          fix: `keep one "v=DKIM1; …" TXT record at ${entry.name}`,
          data: { ...data, records: entry.records.map((record) => shorten(record, 80)) },
        });
      }
      const key = entry.key;
      if (key === undefined) continue;
      if (key.revoked) {
        findings.push({
          message: `${where}: p= is empty, so the key is revoked (RFC 6376 3.6.1): every signature made with selector ${entry.selector} fails`,
          fix: `sign with the selector that holds the current key, or publish the current public key at ${entry.name}`,
          data,
        });
      }
      for (const problem of key.problems) {
        findings.push({
          severity: problem.severity,
          message: `${where}, character ${problem.column}: ${problem.message}`,
          fix: 'publish the record the signing service gives, as "v=DKIM1; k=rsa; p=<base64 of the public key>" (RFC 6376 3.6.1)',
          data: { ...data, column: problem.column },
        });
      }
    }
    return findings;
  },
});
