import { defineCheck } from '../src/define-check.js';
import { describeExchange, exchangeAliasChain } from '../src/dns/mx-facts.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'mx-cname',
  title: 'MX exchange is an alias (CNAME)',
  target: 'domain',
  defaultSeverity: 'error',
  prevents: '"Domain has no valid mail exchangers" (IONOS) and bounces from senders that refuse an MX naming an alias, which RFC 2181 10.3 forbids',
  references: ['RFC 2181 10.3', 'RFC 5321 5.1', 'RFC 1034 3.6.2'],
  needs: ['mx'],
  run({ domain }) {
    const findings: Finding[] = [];
    for (const exchange of domain.exchanges) {
      // The exchange's own A/AAAA answer shows the alias: a CNAME owned by the exchange name.
      const aliasChain = exchangeAliasChain(exchange);
      if (aliasChain.length === 0) continue;
      const canonical = aliasChain[aliasChain.length - 1]!.target;
      const via = aliasChain.length > 1 ? ` via ${aliasChain.slice(1).map((record) => record.name).join(', ')}` : '';
      findings.push({
        message:
          `${describeExchange(domain.domain, exchange)} points at an alias (${exchange.exchange} is a CNAME for ${canonical}${via}): ` +
          `an MX must name a host's canonical name (RFC 2181 10.3), and some senders refuse it ("Domain has no valid mail exchangers")`,
        fix: `point the MX at the canonical name: "${domain.domain}. MX ${exchange.preference} ${canonical}."`,
        data: { domain: domain.domain, preference: exchange.preference, exchange: exchange.exchange, canonical },
      });
    }
    return findings;
  },
});
