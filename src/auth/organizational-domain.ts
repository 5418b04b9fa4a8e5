// Organizational domains (RFC 7489 3.2) from the Public Suffix List, through tldts.

import { getDomain } from 'tldts';

const OPTIONS = { allowPrivateDomains: true, validateHostname: false };

/**
 * Answers kept for the run: report destinations repeat across domains (a DMARC service, a parent
 * domain's mailbox), and a list lookup per name was 7-9 ms of a 1,000-domain audit. Bounded:
 * cleared when full.
 */
const known = new Map<string, string>();
const MAX_KNOWN = 4096;

/**
 * The organizational domain of a lower-case domain name: its public suffix plus one label. The whole
 * list is used, private section included, so `a.github.io` and `b.github.io` are different
 * organizations, as they are different owners. A name that is itself a public suffix (or that the
 * list cannot split) is its own organizational domain.
 */
export function organizationalDomain(domain: string): string {
  let organization = known.get(domain);
  if (organization === undefined) {
    const lower = domain.toLowerCase();
    const name = lower.endsWith('.') ? lower.slice(0, -1) : lower;
    organization = getDomain(name, OPTIONS) ?? name;
    if (known.size >= MAX_KNOWN) known.clear();
    known.set(domain, organization);
  }
  return organization;
}
