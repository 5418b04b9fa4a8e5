// Domains that can never receive mail from the public Internet: the special-use names of RFC 2606
// and RFC 6761 and later registrations (IANA "Special-Use Domain Names"), plus `.internal`
// (reserved by ICANN for private use in 2024). One list for every check that asks.
//
// example.com, example.net and example.org are the documentation domains of RFC 2606 3. They are
// reported only when asked (option `reportDocumentationDomains`): they are what every example,
// template and test in the wild uses (this project's own fixtures too), and a real send to them is
// caught online anyway (they publish a null MX, which mx-null reports).

export interface SpecialUseName {
  /** The name itself and every name under it: `test` covers `mail.test`. */
  suffix: string;
  reference: string;
  why: string;
  /**
   * Reserved for documentation and testing (RFC 2606, RFC 6761 6.2–6.5): sample zones under these
   * names are expected to use documentation addresses (mx-private-address exempts them).
   */
  documentation: boolean;
  /** A registered second-level name that does receive DNS answers (example.com): reported only when asked. */
  onlyWhenAsked: boolean;
}

type Row = [suffix: string, reference: string, why: string, documentation: boolean, onlyWhenAsked?: true];

const ROWS: readonly Row[] = [
  ['test', 'RFC 6761 6.2', '.test is reserved for testing (RFC 2606, RFC 6761 6.2) and is never delegated', true],
  ['example', 'RFC 6761 6.5', '.example is reserved for documentation (RFC 2606, RFC 6761 6.5)', true],
  ['invalid', 'RFC 6761 6.4', '.invalid is reserved to be invalid (RFC 2606, RFC 6761 6.4)', true],
  ['localhost', 'RFC 6761 6.3', '.localhost names the local machine (RFC 6761 6.3)', true],
  ['local', 'RFC 6762', '.local is multicast DNS on the local link (RFC 6762)', false],
  ['onion', 'RFC 7686', '.onion names Tor onion services (RFC 7686), not reachable by ordinary SMTP', false],
  ['alt', 'RFC 9476', '.alt is reserved for non-DNS name systems (RFC 9476)', false],
  ['home.arpa', 'RFC 8375', 'home.arpa is for home networks only (RFC 8375)', false],
  ['internal', 'ICANN 2024', '.internal is reserved for private networks (ICANN, 2024) and is never delegated', false],
  ['example.com', 'RFC 2606 3', 'example.com is reserved for documentation (RFC 2606 3) and accepts no mail (null MX)', true, true],
  ['example.net', 'RFC 2606 3', 'example.net is reserved for documentation (RFC 2606 3) and accepts no mail (null MX)', true, true],
  ['example.org', 'RFC 2606 3', 'example.org is reserved for documentation (RFC 2606 3) and accepts no mail (null MX)', true, true],
];

export const SPECIAL_USE_NAMES: readonly SpecialUseName[] = ROWS.map(([suffix, reference, why, documentation, onlyWhenAsked]) => ({
  suffix,
  reference,
  why,
  documentation,
  onlyWhenAsked: onlyWhenAsked === true,
}));

/** The special-use name a host name (any case, trailing dot or not) falls under, if any. */
export function specialUseNameOf(hostname: string): SpecialUseName | undefined {
  const lower = hostname.toLowerCase();
  const name = lower.endsWith('.') ? lower.slice(0, -1) : lower;
  for (const [special, dotted] of DOTTED_SUFFIXES) if (name === special.suffix || name.endsWith(dotted)) return special;
  return undefined;
}

/** Each name with the dot a name under it ends in, made once rather than per call (every audited domain asks). */
const DOTTED_SUFFIXES = SPECIAL_USE_NAMES.map((special) => [special, `.${special.suffix}`] as const);

export interface SpecialUseOptions {
  reportDocumentationDomains: boolean;
}

/** Why mail to this host name cannot be delivered, or undefined. */
export function specialUseReason(hostname: string, options: SpecialUseOptions): string | undefined {
  const special = specialUseNameOf(hostname);
  if (special === undefined || (special.onlyWhenAsked && !options.reportDocumentationDomains)) return undefined;
  return special.why;
}

/** Names reserved for documentation and testing (RFC 2606, RFC 6761): example.com/.net/.org, .example, .test, .invalid, .localhost. */
export function isDocumentationDomain(domain: string): boolean {
  return specialUseNameOf(domain)?.documentation === true;
}
