// The signing domain (d=) and selector (s=) of each DKIM-Signature field of a message (RFC 6376
// 3.5), for the DKIM key checks of `maillint lint`. Only these two tags are read: verifying a
// signature is the receiver's business, and a draft is linted before it is signed.

import { validateHostname } from '../dns/hostname.js';
import type { ParsedMessage } from '../message/types.js';
import { parseTagList } from './tag-list.js';

export interface DkimSigner {
  /** d=, lower-case A-label form. */
  domain: string;
  /** s=, lower-case. */
  selector: string;
  line: number;
  column: number;
}

/** Selectors are dot-separated labels (RFC 6376 3.1); the name `<s>._domainkey.<d>` is checked by the gatherer. */
const SELECTOR = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** Why `selector` cannot be a DKIM selector, or undefined when it can (it is used lower-case). */
export function selectorProblem(selector: string): string | undefined {
  if (selector.length === 0) return 'empty';
  if (selector.length > 200) return `${selector.length} characters; a selector is a few DNS labels`;
  if (!SELECTOR.test(selector.toLowerCase())) return 'a selector is DNS labels of letters, digits, "-" and "_", separated by dots (RFC 6376 3.1)';
  return undefined;
}

export function dkimSignersOf(message: ParsedMessage): DkimSigner[] {
  const signers: DkimSigner[] = [];
  const seen = new Set<string>();
  for (const field of message.fields) {
    if (field.lowerName !== 'dkim-signature') continue;
    // d= and s= hold no white space (RFC 6376 3.5): a value with some inside is not a name to ask.
    const tags = new Map(parseTagList(field.value).tags.map((tag) => [tag.name, tag.value]));
    const domain = validateHostname(tags.get('d') ?? '');
    const selector = (tags.get('s') ?? '').toLowerCase();
    if (!domain.ok || !SELECTOR.test(selector)) continue;
    const key = `${selector}._domainkey.${domain.normalized}`;
    if (seen.has(key)) continue;
    seen.add(key);
    signers.push({ domain: domain.normalized, selector, line: field.line, column: field.column });
  }
  return signers;
}
