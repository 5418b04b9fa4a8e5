import { defineCheck } from '../src/define-check.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'dnsbl-dynamic-ip',
  title: 'Sending IP is in a dynamic or end-user range (policy listing such as Spamhaus PBL)',
  target: 'ip',
  defaultSeverity: 'error',
  prevents: '550/554 rejection of mail sent directly to MX servers from a dynamic or residential address ("client host blocked using zen.spamhaus.org; PBL")',
  references: ['RFC 5782 2.3', 'RFC 8314 3', 'RFC 6409 4'],
  needs: ['dnsbl'],
  run({ ip }) {
    const findings: Finding[] = [];
    for (const { list, queryName, outcome } of ip.lists) {
      if (outcome.status !== 'listed') continue;
      const policy = outcome.codes.filter((code) => code.dynamic);
      if (policy.length === 0) continue;
      const codes = policy.map((listing) => (listing.meaning ? `${listing.code} (${listing.meaning})` : listing.code)).join('; ');
      findings.push({
        message:
          `${ip.address} is in a dynamic or end-user range according to ${list.name === list.zone ? list.zone : `${list.name} (${list.zone})`}: ${codes}. ` +
          'Receivers refuse mail delivered directly to their MX from such an address (550/554), whatever the content: ' +
          'an own mail server on a dynamic IP cannot deliver straight to recipients',
        fix: 'relay outgoing mail through your provider\'s smarthost or submission server (port 587 or 465, with SMTP authentication) instead of delivering directly to recipients\' MX servers',
        data: { list: list.zone, query: queryName, codes: policy.map((listing) => listing.code) },
      });
    }
    return findings;
  },
});
