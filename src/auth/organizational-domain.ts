// Organizational domains (RFC 7489 3.2) from the Public Suffix List, through tldts.

import { getDomain } from 'tldts';

/**
 * The organizational domain of a lower-case domain name: its public suffix plus one label. The whole
 * list is used, private section included, so `a.github.io` and `b.github.io` are different
 * organizations, as they are different owners. A name that is itself a public suffix (or that the
 * list cannot split) is its own organizational domain.
 */
export function organizationalDomain(domain: string): string {
  const name = domain.toLowerCase().replace(/\.$/, '');
  return getDomain(name, { allowPrivateDomains: true, validateHostname: false }) ?? name;
}
