// Domains that can never receive mail from the public Internet: the special-use names of RFC 2606
// and RFC 6761 and later registrations (IANA "Special-Use Domain Names"), plus `.internal`
// (reserved by ICANN for private use in 2024).
//
// example.com, example.net and example.org are the documentation domains of RFC 2606 3. They are
// reported only when asked (option `reportDocumentationDomains`): they are what every example,
// template and test in the wild uses (this project's own fixtures too), and a real send to them is
// caught online anyway (they publish a null MX, which mx-null reports).

interface SpecialUseName {
  suffix: string;
  why: string;
}

const SPECIAL_USE: readonly SpecialUseName[] = [
  { suffix: 'test', why: '.test is reserved for testing (RFC 2606, RFC 6761 6.2) and is never delegated' },
  { suffix: 'example', why: '.example is reserved for documentation (RFC 2606, RFC 6761 6.5)' },
  { suffix: 'invalid', why: '.invalid is reserved to be invalid (RFC 2606, RFC 6761 6.4)' },
  { suffix: 'localhost', why: '.localhost names the local machine (RFC 6761 6.3)' },
  { suffix: 'local', why: '.local is multicast DNS on the local link (RFC 6762)' },
  { suffix: 'onion', why: '.onion names Tor onion services (RFC 7686), not reachable by ordinary SMTP' },
  { suffix: 'alt', why: '.alt is reserved for non-DNS name systems (RFC 9476)' },
  { suffix: 'home.arpa', why: 'home.arpa is for home networks only (RFC 8375)' },
  { suffix: 'internal', why: '.internal is reserved for private networks (ICANN, 2024) and is never delegated' },
];

const DOCUMENTATION_DOMAINS: readonly string[] = ['example.com', 'example.net', 'example.org'];

export interface SpecialUseOptions {
  reportDocumentationDomains: boolean;
}

/** Why mail to this host name (lower-case ASCII) cannot be delivered, or undefined. */
export function specialUseReason(hostname: string, options: SpecialUseOptions): string | undefined {
  const name = hostname.toLowerCase();
  for (const special of SPECIAL_USE) {
    if (name === special.suffix || name.endsWith(`.${special.suffix}`)) return special.why;
  }
  if (options.reportDocumentationDomains) {
    const documentation = DOCUMENTATION_DOMAINS.find((domain) => name === domain || name.endsWith(`.${domain}`));
    if (documentation) return `${documentation} is reserved for documentation (RFC 2606 3) and accepts no mail (null MX)`;
  }
  return undefined;
}
