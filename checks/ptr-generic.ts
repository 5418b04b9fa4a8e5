import { defineCheck } from '../src/define-check.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'ptr-generic',
  title: 'Sending IP\'s PTR name looks like a dynamic or end-user line',
  target: 'ip',
  defaultSeverity: 'warn',
  prevents:
    'refusals of "own mail server on a dynamic IP": "550 5.7.1 … generic rDNS / dynamic IP" (Microsoft, Yahoo, many providers; Spamhaus PBL lists such ranges), the provider\'s "not all recipients reachable" for a home server on dyndns',
  references: ['RFC 1912 2.1', 'draft-msullivan-dnsop-generic-naming-schemes'],
  needs: ['ptr'],
  run({ ptr }) {
    const findings: Finding[] = [];
    for (const entry of ptr.names) {
      const signs = entry.generic;
      if (signs === undefined) continue;
      findings.push({
        message: `the PTR name of ${ptr.address}, ${entry.name}, looks like an end-user line's, not a mail server's: ${signs}. Receivers score or refuse mail from such names`,
        fix: `set the PTR of ${ptr.address} to a name of your own domain (mail.example.com) that resolves back to it, or send through your provider's smarthost with SMTP authentication`,
        data: { address: ptr.address, name: entry.name },
      });
    }
    return findings;
  },
});
