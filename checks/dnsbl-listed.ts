import { defineCheck } from '../src/define-check.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'dnsbl-listed',
  title: 'Sending IP is on a DNS blocklist',
  target: 'ip',
  defaultSeverity: 'error',
  prevents: '554 5.7.1 Service unavailable; client host [203.0.113.7] blocked using zen.spamhaus.org (and the 550/554 rejections of other DNSBL users)',
  references: ['RFC 5782 2.1', 'RFC 5782 2.3', 'RFC 5782 5'],
  needs: ['dnsbl'],
  run({ ip }) {
    // Only listings: the note on a non-public address is dnsbl-unusable's, so this id means "listed".
    const findings: Finding[] = [];
    for (const { list, queryName, outcome } of ip.lists) {
      if (outcome.status !== 'listed') continue;
      const listings = outcome.codes.filter((code) => !code.dynamic);
      if (listings.length === 0) continue;
      const codes = listings.map((listing) => (listing.meaning ? `${listing.code} (${listing.meaning})` : listing.code)).join('; ');
      const reason = outcome.reason !== undefined ? ` — the list says: "${outcome.reason}"` : '';
      findings.push({
        message:
          `${ip.address} is listed on ${list.name === list.zone ? list.zone : `${list.name} (${list.zone})`}: ${codes}${reason}. ` +
          'Receivers using this list refuse mail from this address; find and stop what got it listed (a compromised account, an infected host, a bad list), then request removal',
        fix: list.delisting ?? `look up ${ip.address} on the website of ${list.zone} and follow its removal procedure`,
        data: {
          list: list.zone,
          query: queryName,
          codes: listings.map((listing) => listing.code),
          ...(outcome.reason !== undefined ? { reason: outcome.reason } : { reasonMissing: outcome.reasonMissing }),
        },
      });
    }
    return findings;
  },
});
