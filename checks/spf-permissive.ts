import { parsedNodes, termAt } from '../src/auth/spf/describe.js';
import type { SpfMechanism } from '../src/auth/spf/parse.js';
import { defineCheck } from '../src/define-check.js';
import type { Finding } from '../src/types.js';

/** A term that passes every address: +all, or an ip4/ip6 range of prefix length 0. */
function passesEveryone(term: SpfMechanism): boolean {
  if (term.qualifier !== '+') return false;
  if (term.name === 'all') return true;
  return (term.name === 'ip4' && term.ip4Prefix === 0) || (term.name === 'ip6' && term.ip6Prefix === 0);
}

export default defineCheck({
  id: 'spf-permissive',
  title: 'SPF passes every sender (+all)',
  target: 'domain',
  defaultSeverity: 'warn',
  prevents: 'forged mail that passes SPF as the domain; receivers treat +all as a spam signal and some score the domain down for it',
  references: ['RFC 7208 5.1', 'RFC 7208 10.1'],
  needs: ['spf'],
  run({ spf }) {
    const findings: Finding[] = [];
    for (const node of parsedNodes(spf)) {
      for (const term of node.parsed!.terms) {
        if (term.kind !== 'mechanism' || !passesEveryone(term)) continue;
        findings.push({
          message: `${spf.domain}: ${termAt(spf, node, term)} passes mail from every address on the internet: anyone can send as ${spf.domain} and pass SPF`,
          fix: 'list the hosts that send the mail and end with "-all" (or "~all" while testing)',
          data: { domain: spf.domain, record: node.domain, term: term.text, offset: term.offset },
        });
      }
    }
    return findings;
  },
});
