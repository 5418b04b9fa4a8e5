import type { SpfMechanism } from '../src/auth/spf/parse.js';
import { flatten, type SpfFacts, type SpfNode } from '../src/auth/spf/tree.js';
import { defineCheck } from '../src/define-check.js';
import { isFailure } from '../src/dns/mx-facts.js';
import type { Finding } from '../src/types.js';

/** Failed lookups named one by one; past these, one more finding counts the rest. */
const MAX_FAILURES_NAMED = 5;
const RETRY = 'retry later; if it persists, fix the nameservers of the name queried, or point maillint at a working resolver (--resolver, --timeout)';

/** The tree's failed lookups, but the domain's own TXT lookup when its MX lookup failed too. */
function failuresOf(spf: SpfFacts, outage: boolean): { node: SpfNode; term?: SpfMechanism; description: string }[] {
  const failures: { node: SpfNode; term?: SpfMechanism; description: string }[] = [];
  // A loop, not a flatMap: most trees have no failure, and no array is made for each of their nodes.
  for (const node of flatten(spf.root)) {
    if (node.failures === undefined) continue;
    for (const failure of node.failures) if (!(outage && node === spf.root && failure.term === undefined)) failures.push({ node, ...failure });
  }
  return failures;
}

export default defineCheck({
  id: 'spf-missing',
  title: 'No SPF record',
  target: 'domain',
  defaultSeverity: 'warn',
  prevents:
    'Gmail\'s "550 5.7.26 This mail has been blocked because the sender is unauthenticated" (without a DKIM signature either), Yahoo\'s "550 5.7.9" and Microsoft\'s "550 5.7.515": mail that no receiver can tell from a forgery',
  references: ['RFC 7208 2.1', 'RFC 7208 4.5'],
  needs: ['spf', 'mx'],
  run({ spf, domain }): Finding[] {
    // A failed lookup proves nothing either way, and is not a pass: receivers get temperror there.
    // When the domain's MX lookup failed as well, dns-lookup-failed already says the domain could not be checked.
    const outage = isFailure(domain.mx);
    const failures = failuresOf(spf, outage);
    if (failures.length > 0) {
      const findings: Finding[] = failures.slice(0, MAX_FAILURES_NAMED).map(({ node, term, description }) => {
        const record = node === spf.root ? spf.domain : `${node.domain} (${node.via?.text ?? node.domain} in ${spf.domain}'s tree)`;
        const what = term ? `${term.text} in the SPF record of ${node.domain}` : `the SPF record of ${record}`;
        return {
          severity: 'error',
          message: `could not check ${what}: ${description}; receivers meeting this failure get temperror and defer the mail, and the spf-* checks that need the answer were not made`,
          fix: RETRY,
          data: { domain: spf.domain, record: node.domain, ...(term ? { term: term.text } : {}) },
        };
      });
      if (failures.length > MAX_FAILURES_NAMED) {
        findings.push({ severity: 'error', message: `and ${failures.length - MAX_FAILURES_NAMED} more failed SPF lookups in the tree of ${spf.domain}`, fix: RETRY, data: { domain: spf.domain } });
      }
      return findings;
    }
    // NXDOMAIN is domain-nxdomain's to say.
    if (spf.root.status !== 'none') return [];
    return [
      {
        message: `${spf.domain} publishes no SPF record (no TXT record starting "v=spf1"): receivers cannot tell its mail from forgeries, and the large mailbox providers reject or junk unauthenticated mail`,
        fix: `publish one TXT record at ${spf.domain} listing the hosts that send its mail, e.g. "v=spf1 mx -all" (or "v=spf1 -all" if it sends no mail)`,
        data: { domain: spf.domain },
      },
    ];
  },
});
