// What the checks read off gathered DMARC facts: the policy that applies and identifier alignment.
// Kept free of the parser, the gatherers and the Public Suffix List, so loading the check registry
// stays cheap (test/auth/spf-load.test.ts): organizational domains are worked out when facts are gathered.

import type { Alignment, DmarcPolicy, DmarcRecord } from './dmarc-types.js';

/** The policy that applies to `domain` under a record found at `policyDomain` (RFC 7489 6.6.3: sp for subdomains). */
export function effectivePolicy(record: DmarcRecord, domain: string, policyDomain: string): DmarcPolicy | undefined {
  if (domain !== policyDomain && record.subdomainPolicy !== undefined) return record.subdomainPolicy;
  return record.policy;
}

/**
 * RFC 7489 3.1: identifiers align strictly when equal, relaxed when their organizational domains are
 * (`organizations` maps each domain to its own, as gathered).
 */
export function aligned(domain: string, fromDomain: string, mode: Alignment, organizations: Readonly<Record<string, string>>): boolean {
  if (mode === 's') return domain === fromDomain;
  const fromOrganization = organizations[fromDomain] ?? fromDomain;
  const organization = organizations[domain];
  // A domain not gathered (a signingDomains option) aligns when it is the From organization or below it.
  if (organization === undefined) return domain === fromOrganization || domain.endsWith(`.${fromOrganization}`);
  return organization === fromOrganization;
}
