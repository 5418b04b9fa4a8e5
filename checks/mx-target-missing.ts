import { defineCheck } from '../src/define-check.js';
import { describeExchange, exchangeAliasChain, ipLiteralOf, isDefinitelyEmpty } from '../src/dns/mx-facts.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'mx-target-missing',
  title: 'MX exchange does not exist or has no address',
  target: 'domain',
  defaultSeverity: 'error',
  prevents: '5.4.4 "Host or domain name not found" / "Domain has no valid mail exchangers": senders have no address to deliver to',
  references: ['RFC 5321 5.1', 'RFC 1035 3.3.9'],
  needs: ['mx'],
  run({ domain }) {
    const findings: Finding[] = [];
    for (const exchange of domain.exchanges) {
      // An IP written as an exchange is mx-ip-literal's finding; a failed lookup is dns-lookup-failed's.
      if (ipLiteralOf(exchange.exchange) !== undefined) continue;
      if (!isDefinitelyEmpty(exchange.a) || !isDefinitelyEmpty(exchange.aaaa)) continue;
      const chain = exchangeAliasChain(exchange);
      const end = chain.length > 0 ? chain[chain.length - 1]!.target : exchange.exchange;
      const what =
        exchange.a.status === 'nxdomain'
          ? chain.length > 0
            ? `its CNAME target ${end} does not exist (NXDOMAIN)`
            : `${exchange.exchange} does not exist (NXDOMAIN)`
          : `${end} has no A or AAAA record`;
      const written = missingTrailingDot(exchange.exchange);
      findings.push({
        message:
          `${describeExchange(domain.domain, exchange)} cannot be reached: ${what}, so senders have no address to deliver to` +
          (written ? `. It looks like "${written}" written without its trailing dot in a zone file, which appended the zone name again` : ''),
        fix: written
          ? `write the exchange with a trailing dot: "MX ${exchange.preference} ${written}."`
          : `add an A (and/or AAAA) record for ${end}, or point the MX of ${domain.domain} at the host that receives its mail`,
        data: { domain: domain.domain, preference: exchange.preference, exchange: exchange.exchange, status: exchange.a.status },
      });
    }
    return findings;
  },
});

/**
 * `mail.example.com.example.com`: the name a zone file makes of `MX 10 mail.example.com` (no
 * trailing dot) in the example.com zone; the name meant, or undefined. The repeated suffix is at
 * least two labels, so `mail.mail.example` is not mistaken for one.
 */
function missingTrailingDot(exchange: string): string | undefined {
  const labels = exchange.split('.');
  for (let suffix = Math.floor(labels.length / 2); suffix >= 2; suffix -= 1) {
    const tail = labels.slice(-suffix).join('.');
    const before = labels.slice(-2 * suffix, -suffix).join('.');
    if (tail === before) return labels.slice(0, -suffix).join('.');
  }
  return undefined;
}
