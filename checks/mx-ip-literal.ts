import { defineCheck } from '../src/define-check.js';
import { describeMx, ipLiteralOf, isNullExchange, mxRecordsOf } from '../src/dns/mx-facts.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'mx-ip-literal',
  title: 'MX exchange is an IP address, not a host name',
  target: 'domain',
  defaultSeverity: 'error',
  prevents: 'bounces such as "Domain has no valid mail exchangers" or "Host or domain name not found": senders look the exchange up as a name and find nothing',
  references: ['RFC 1035 3.3.9', 'RFC 5321 5.1'],
  needs: ['mx'],
  run({ domain }) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const record of mxRecordsOf(domain.mx)) {
      if (isNullExchange(record.exchange) || seen.has(record.exchange)) continue;
      seen.add(record.exchange);
      const address = ipLiteralOf(record.exchange);
      if (address === undefined) continue;
      const mx = describeMx(record.preference, record.exchange);
      const written = address === record.exchange.replace(/^\[|\]$/g, '').replace(/^ipv6:/, '')
        ? `names the IP address ${address}, not a host name`
        : `looks like the IP address ${address} written without a trailing dot in a zone file, which appended the zone name`;
      findings.push({
        message: `${mx} of ${domain.domain} ${written}: an MX must name a host (RFC 5321 5.1), so senders find no mail server`,
        fix: `give the mail host a name ("mail.${domain.domain}. A ${address}", or AAAA for IPv6) and point the MX at it: "${domain.domain}. MX ${record.preference} mail.${domain.domain}."`,
        data: { domain: domain.domain, preference: record.preference, exchange: record.exchange, address },
      });
    }
    return findings;
  },
});
