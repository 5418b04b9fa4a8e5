// The domains that speak for a message's sender: the envelope sender (Return-Path, which the
// receiving server writes from MAIL FROM; in a draft, what the sending software will use) and the
// From domain(s). SPF and DMARC judge these, never the recipients' domains.

import { validateHostname } from '../dns/hostname.js';
import { addressFieldsOf } from '../message/address.js';
import type { ParsedMessage } from '../message/types.js';

export interface EnvelopeSender {
  /** The reverse-path as written inside <>; empty for the null sender <> (bounces). */
  address: string;
  /** Lower-case A-label domain; absent for the null sender or an unreadable path. */
  domain?: string;
  line: number;
  column: number;
}

/** The first Return-Path field's path, or undefined when the message has none. */
export function envelopeSenderOf(message: ParsedMessage): EnvelopeSender | undefined {
  const field = message.fields.find((candidate) => candidate.lowerName === 'return-path');
  if (field === undefined) return undefined;
  const path = /<([^<>]*)>/.exec(field.value)?.[1]?.trim() ?? field.value.trim();
  const place = { address: path, line: field.line, column: field.column };
  const at = path.lastIndexOf('@');
  if (at <= 0) return place;
  const checked = validateHostname(path.slice(at + 1));
  return checked.ok ? { ...place, domain: checked.normalized } : place;
}

/** The domains of the From and Sender mailboxes, lower-case, first seen first. */
export function authorDomainsOf(message: ParsedMessage): string[] {
  const domains = addressFieldsOf(message)
    .filter((view) => view.role === 'from' || view.role === 'sender')
    .flatMap((view) => view.parsed.mailboxes.flatMap((mailbox) => (mailbox.hostname === undefined ? [] : [mailbox.hostname])));
  return [...new Set(domains)];
}

/** Every domain SPF and DMARC judge for this message: the envelope sender's and the authors'. */
export function senderDomainsOf(message: ParsedMessage): Set<string> {
  const envelope = envelopeSenderOf(message)?.domain;
  return new Set([...(envelope === undefined ? [] : [envelope]), ...authorDomainsOf(message)]);
}
