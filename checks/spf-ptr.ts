import { parsedNodes, termAt } from '../src/auth/spf/describe.js';
import { defineCheck } from '../src/define-check.js';
import type { Finding } from '../src/types.js';

/** The %{p} macro (RFC 7208 7.3), made once rather than once per term. */
const P_MACRO = /%\{p/i;

export default defineCheck({
  id: 'spf-ptr',
  title: 'SPF uses the ptr mechanism or the %{p} macro',
  target: 'domain',
  defaultSeverity: 'warn',
  prevents:
    'an SPF result that depends on reverse DNS the domain does not control: slow, often failing lookups, and receivers that skip ptr (RFC 7208 5.5 says do not use it), so the mail the term was meant to pass fails',
  references: ['RFC 7208 5.5', 'RFC 7208 7.3'],
  needs: ['spf'],
  run({ spf }) {
    const findings: Finding[] = [];
    for (const node of parsedNodes(spf)) {
      for (const term of node.parsed!.terms) {
        const usesPtr = term.kind === 'mechanism' && term.name === 'ptr';
        if (!usesPtr && !P_MACRO.test(term.text)) continue;
        findings.push({
          message: `${spf.domain}: ${termAt(spf, node, term)} ${usesPtr ? 'uses the ptr mechanism' : 'uses the %{p} macro'}, which RFC 7208 5.5 says not to use: it costs lookups in DNS zones the domain does not control, and some receivers ignore it`,
          fix: 'list the sending hosts as ip4:/ip6: ranges (or a, mx) instead',
          data: { domain: spf.domain, record: node.domain, term: term.text, offset: term.offset },
        });
      }
    }
    return findings;
  },
});
