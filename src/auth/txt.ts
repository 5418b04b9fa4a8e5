// TXT answers as the authentication records read them.

import type { LookupResult } from '../dns/types.js';

/**
 * The TXT records an answer holds for `name`, each record's strings joined with nothing between
 * them (RFC 7208 3.3, RFC 6376 3.6.2.2, RFC 7489 6.6.3 say the same). Records of another owner
 * (the target of a CNAME chain) count as the name's own: resolvers follow the alias.
 */
export function txtRecordsOf(result: LookupResult): string[] {
  const texts: string[] = [];
  if (result.status !== 'ok') return texts;
  // A loop, not a flatMap: no one-element array per record.
  for (const record of result.records) if (record.type === 'TXT') texts.push(textOf(record.strings));
  return texts;
}

/** A TXT record's strings joined; most records are one string, returned as it is. */
export function textOf(strings: readonly string[]): string {
  return strings.length === 1 ? strings[0]! : strings.join('');
}

/** Record text quoted in a message: short, since it comes from DNS (formatters escape it). */
export function shorten(text: string, limit = 40): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** The lookup answered and there is nothing there: NXDOMAIN or no records of the type. */
export function isEmptyAnswer(result: LookupResult): boolean {
  return result.status === 'nxdomain' || result.status === 'nodata';
}

/** The lookup failed (timeout, SERVFAIL, REFUSED, bad answer): never read as "no record". */
export function isFailedLookup(result: LookupResult): boolean {
  return result.status !== 'ok' && result.status !== 'nodata' && result.status !== 'nxdomain';
}
