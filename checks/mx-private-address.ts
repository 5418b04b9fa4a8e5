import { defineCheck } from '../src/define-check.js';
import { describeExchange } from '../src/dns/mx-facts.js';
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
    const findings: Finding[] = [];
    // Worked out at the first documentation address: most hosts have none.
    let documentationFlagged: boolean | undefined;
    const flagsDocumentation = () =>
      (documentationFlagged ??= options.flagDocumentationRanges && !(options.exemptExampleDomains && isDocumentationDomain(domain.domain)));
    // A host is described only when it has an address to report: most have none.
    for (const exchange of domain.exchanges) {
      const unreachable = unreachableAddresses(exchange.a, exchange.aaaa, flagsDocumentation);
      if (unreachable === undefined) continue;
      const subject = describeExchange(domain.domain, exchange);
      for (const entry of unreachable) findings.push(finding(domain.domain, subject, exchange.exchange, exchange.preference, entry));
    }
    if (domain.mx.status === 'nodata') {
      const subject = `the implicit MX of ${domain.domain} (no MX record: senders use its own A/AAAA)`;
      for (const entry of unreachableAddresses(domain.a, domain.aaaa, flagsDocumentation) ?? []) findings.push(finding(domain.domain, subject, domain.domain, 0, entry));
    }
    return findings;
  },
});

type Unreachable = [address: string, classification: IpClassification];

function finding(domain: string, subject: string, host: string, preference: number, [address, classification]: Unreachable): Finding {
  return {
    message: `${subject} resolves to ${address}, ${classification.description}: senders on the internet cannot reach it`,
    fix: `give ${host} its public address (or point the MX at a host that has one)`,
    data: { domain, preference, exchange: host, address, range: classification.kind },
  };
}

/**
 * Classifications of the addresses met in this run: domains share mail hosts (a provider's few hosts
 * serve thousands of domains), and classifying the same address per domain was a third of this
 * check's time in a 1,000-domain audit. Bounded: cleared when full.
 */
const classifications = new Map<string, IpClassification | undefined>();
const MAX_CLASSIFICATIONS = 4096;

function classificationOf(address: string): IpClassification | undefined {
  if (classifications.has(address)) return classifications.get(address);
  if (classifications.size >= MAX_CLASSIFICATIONS) classifications.clear();
  const classification = classifyIp(address);
  classifications.set(address, classification);
  return classification;
}

/** The addresses of the two answers (each once, in order) that senders on the internet cannot reach; undefined for none. */
function unreachableAddresses(a: LookupResult | undefined, aaaa: LookupResult | undefined, flagsDocumentation: () => boolean): Unreachable[] | undefined {
  let unreachable: Unreachable[] | undefined;
  for (const answer of [a, aaaa]) {
    if (answer === undefined || answer.status !== 'ok') continue;
    for (const record of answer.records) {
      if (record.type !== 'A' && record.type !== 'AAAA') continue;
      const address = record.address;
      // Only a reported address needs skipping when it comes again.
      if (unreachable?.some(([listed]) => listed === address)) continue;
      const classification = classificationOf(address);
      if (classification === undefined || classification.reachable) continue;
      if (classification.kind === 'documentation' && !flagsDocumentation()) continue;
      (unreachable ??= []).push([address, classification]);
    }
  }
  return unreachable;
}
