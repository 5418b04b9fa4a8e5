import { describeExchange, exchangeAliasChain, ipLiteralOf, isDefinitelyEmpty } from '../src/dns/mx-facts.js';
import type { DomainCheck, Finding } from '../src/types.js';

export default {
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
      findings.push({
        message: `${describeExchange(domain.domain, exchange)} cannot be reached: ${what}, so senders have no address to deliver to`,
        fix: `add an A (and/or AAAA) record for ${end}, or point the MX of ${domain.domain} at the host that receives its mail`,
        data: { domain: domain.domain, preference: exchange.preference, exchange: exchange.exchange, status: exchange.a.status },
      });
    }
    return findings;
  },
} satisfies DomainCheck;
