import { recordName, termAt } from '../src/auth/spf/describe.js';
import { flatten } from '../src/auth/spf/tree.js';
import { MAX_DNS_TERMS, MAX_NAMES_PER_TERM } from '../src/auth/spf/limits.js';
import { defineCheck } from '../src/define-check.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'spf-too-many-lookups',
  title: 'SPF needs more than 10 DNS lookups',
  target: 'domain',
  defaultSeverity: 'error',
  prevents:
    'an SPF permerror for every sender the record does not list early enough (RFC 7208 4.6.4), read by Gmail, Microsoft and Yahoo as "SPF fail": "550 5.7.26" when DKIM does not pass either, DMARC failures under p=quarantine or p=reject',
  references: ['RFC 7208 4.6.4'],
  needs: ['spf'],
  run({ spf }) {
    const findings: Finding[] = [];
    if (spf.lookups > MAX_DNS_TERMS) {
      const costs = flatten(spf.root)
        .filter((node) => node.lookups > 0)
        .map((node) => `${node.domain}: ${node.lookups}`);
      findings.push({
        message:
          `${spf.domain}: evaluating its SPF record takes ${spf.partial ? 'at least ' : ''}${spf.lookups} DNS-querying terms (include, a, mx, ptr, exists, redirect) ` +
          `over the include tree, more than the ${MAX_DNS_TERMS} RFC 7208 allows: a receiver stops at the 11th with permerror (${costs.join(', ')})`,
        fix: 'replace a and mx terms by ip4:/ip6: ranges, drop includes of services that no longer send for the domain, or move a service to a subdomain with its own SPF record',
        data: { domain: spf.domain, lookups: spf.lookups, perRecord: Object.fromEntries(flatten(spf.root).map((node) => [node.domain, node.lookups])) },
      });
    }
    for (const node of flatten(spf.root)) {
      if (node.note?.startsWith('a loop') && node.via !== undefined) {
        findings.push({
          message: `${spf.domain}: ${node.via.text} closes ${node.note}: a receiver follows it until the ${MAX_DNS_TERMS}-lookup limit and stops with permerror`,
          fix: `remove the include or redirect that leads back to ${node.domain}`,
          data: { domain: spf.domain, loop: node.note },
        });
      }
      for (const { term, hosts } of node.mxHosts) {
        if (hosts <= MAX_NAMES_PER_TERM) continue;
        findings.push({
          message: `${spf.domain}: ${termAt(spf, node, term)} names ${hosts} mail hosts; an mx term may name ${MAX_NAMES_PER_TERM} at most, past that it is a permerror (${recordName(spf, node)})`,
          fix: 'list the sending hosts as ip4:/ip6: ranges instead of mx',
          data: { domain: spf.domain, record: node.domain, term: term.text, offset: term.offset, hosts },
        });
      }
    }
    return findings;
  },
});
