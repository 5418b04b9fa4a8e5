import { defineCheck } from '../src/define-check.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'dkim-key-weak',
  title: 'DKIM RSA key is too short',
  target: 'domain',
  defaultSeverity: 'error',
  prevents:
    'signatures receivers refuse to verify: RFC 8301 forbids RSA keys under 1024 bits (Gmail and others treat them as "dkim=neutral (bad format)" or fail), leaving a p=quarantine/reject domain to SPF alone ("550 5.7.26")',
  references: ['RFC 8301 3.2', 'RFC 6376 3.3.3'],
  needs: ['dkim'],
  run({ dkimKeys }) {
    const findings: Finding[] = [];
    for (const entry of dkimKeys) {
      const bits = entry.key?.rsaBits;
      if (bits === undefined || bits > 1024) continue;
      const data = { domain: entry.domain, selector: entry.selector, name: entry.name, bits };
      if (bits < 1024) {
        findings.push({
          severity: 'error',
          message: `the DKIM key of ${entry.domain} at selector ${entry.selector} is RSA ${bits} bits: RFC 8301 forbids keys under 1024 bits, and receivers do not verify signatures made with it`,
          fix: `generate a 2048-bit RSA key, publish it at a new selector, switch signing to it, then empty p= of ${entry.name}`,
          data,
        });
      } else {
        findings.push({
          severity: 'warn',
          message: `the DKIM key of ${entry.domain} at selector ${entry.selector} is RSA 1024 bits: the least RFC 8301 allows; signers should use 2048`,
          fix: `generate a 2048-bit RSA key, publish it at a new selector (split the base64 into several TXT strings), switch signing to it, then empty p= of ${entry.name}`,
          data,
        });
      }
    }
    return findings;
  },
});
