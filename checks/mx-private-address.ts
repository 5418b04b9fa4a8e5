import { defineCheck } from '../src/define-check.js';
import { addressesOf, describeExchange } from '../src/dns/mx-facts.js';
import type { LookupResult } from '../src/dns/types.js';
import { classifyIp, type IpClassification } from '../src/net/ip.js';
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
    const findings: Finding[] = [];
    const report = (subject: string, host: string, data: { preference: number; exchange: string }, [address, classification]: Unreachable): void => {
      findings.push({
        message: `${subject} resolves to ${address}, ${classification.description}: senders on the internet cannot reach it`,
        fix: `give ${host} its public address (or point the MX at a host that has one)`,
        data: { domain: domain.domain, ...data, address, range: classification.kind },
      });
    };
    // A host is described only when it has an address to report: most have none.
    for (const exchange of domain.exchanges) {
      for (const unreachable of unreachableAddresses([exchange.a, exchange.aaaa], documentationFlagged)) {
        report(describeExchange(domain.domain, exchange), exchange.exchange, { preference: exchange.preference, exchange: exchange.exchange }, unreachable);
      }
    }
    if (domain.mx.status === 'nodata') {
      for (const unreachable of unreachableAddresses([domain.a, domain.aaaa], documentationFlagged)) {
        report(`the implicit MX of ${domain.domain} (no MX record: senders use its own A/AAAA)`, domain.domain, { preference: 0, exchange: domain.domain }, unreachable);
      }
    }
    return findings;
  },
});

type Unreachable = [address: string, classification: IpClassification];

/** The addresses of `answers` (each once, in order) that senders on the internet cannot reach. */
function unreachableAddresses(answers: readonly (LookupResult | undefined)[], documentationFlagged: boolean): Unreachable[] {
  const seen: string[] = [];
  const unreachable: Unreachable[] = [];
  for (const answer of answers) {
    for (const address of addressesOf(answer)) {
      if (seen.includes(address)) continue;
      seen.push(address);
      const classification = classifyIp(address);
      if (classification === undefined || classification.reachable) continue;
      if (classification.kind === 'documentation' && !documentationFlagged) continue;
      unreachable.push([address, classification]);
    }
  }
  return unreachable;
}
