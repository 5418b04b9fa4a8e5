import { defineCheck } from '../src/define-check.js';
import { addressesOf, describeExchange } from '../src/dns/mx-facts.js';
import { classifyIp } from '../src/net/ip.js';
import { isDocumentationDomain } from '../src/net/special-use-domains.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'mx-private-address',
  title: 'MX host resolves to a private or reserved address',
  target: 'domain',
  defaultSeverity: 'error',
  prevents: 'mail that senders on the internet cannot deliver (deferred with 4.4.1 "connection refused / no route to host" until it expires in their queue and bounces), or deliver to a host on their own network',
  references: ['RFC 1918', 'RFC 6598', 'RFC 6890', 'RFC 8190', 'RFC 5737', 'RFC 3849', 'RFC 9637', 'RFC 4193', 'RFC 6052', 'RFC 5321 5.1'],
  needs: ['mx'],
  options: {
    flagDocumentationRanges: {
      type: 'boolean',
      default: true,
      description: 'report documentation addresses (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, 3fff::/20)',
    },
    exemptExampleDomains: {
      type: 'boolean',
      default: true,
      description: 'do not report documentation addresses for domains reserved for documentation and testing (example.com/.net/.org, .example, .test, .invalid, .localhost)',
    },
  },
  run({ domain, options }) {
    const documentationFlagged =
      options.flagDocumentationRanges && !(options.exemptExampleDomains && isDocumentationDomain(domain.domain));
    const hosts = domain.exchanges.map((exchange) => ({
      subject: describeExchange(domain.domain, exchange),
      host: exchange.exchange,
      data: { preference: exchange.preference, exchange: exchange.exchange },
      addresses: [...addressesOf(exchange.a), ...addressesOf(exchange.aaaa)],
    }));
    if (domain.mx.status === 'nodata') {
      hosts.push({
        subject: `the implicit MX of ${domain.domain} (no MX record: senders use its own A/AAAA)`,
        host: domain.domain,
        data: { preference: 0, exchange: domain.domain },
        addresses: [...addressesOf(domain.a), ...addressesOf(domain.aaaa)],
      });
    }
    const findings: Finding[] = [];
    for (const { subject, host, data, addresses } of hosts) {
      for (const address of new Set(addresses)) {
        const classification = classifyIp(address);
        if (classification === undefined || classification.reachable) continue;
        if (classification.kind === 'documentation' && !documentationFlagged) continue;
        findings.push({
          message: `${subject} resolves to ${address}, ${classification.description}: senders on the internet cannot reach it`,
          fix: `give ${host} its public address (or point the MX at a host that has one)`,
          data: { domain: domain.domain, ...data, address, range: classification.kind },
        });
      }
    }
    return findings;
  },
});
