// The address fields of a message (From, Sender, Reply-To, To, Cc, Bcc), each parsed once and
// located: what the address checks, `maillint address` and the domain audit read.

import { locateInField } from './header-section.js';
import { parseAddressList, type AddressProblem, type ParsedAddressList } from './address-list.js';
import type { HeaderField, ParsedMessage, Position } from './types.js';

export * from './address-list.js';

export type AddressRole = 'from' | 'sender' | 'reply-to' | 'to' | 'cc' | 'bcc';

const ROLE_OF_FIELD: Readonly<Record<string, AddressRole>> = {
  from: 'from',
  sender: 'sender',
  'reply-to': 'reply-to',
  to: 'to',
  cc: 'cc',
  bcc: 'bcc',
};

/** One parsed address field of a message, or one address given on its own (`standalone`). */
export interface AddressFieldView {
  /** The field name as written ("To"); empty for a standalone address. */
  fieldName: string;
  role: AddressRole | 'standalone';
  parsed: ParsedAddressList;
  /** Where the field (or the address) starts. */
  line: number;
  column: number;
  /** Line and column of an index in the parsed text. */
  locate(index: number): Position;
  /** The header field parsed (absent for a standalone address): fixes edit its octets. */
  field?: HeaderField;
}

// Parsing is pure; the views of a message are kept for as long as the message object lives so the
// ten address checks share one parse instead of ten.
/** Occurrences of one address field (From, To, …) parsed per message; later ones are only duplicates. */
export const MAX_OCCURRENCES_PARSED = 10;

const viewsOfMessage = new WeakMap<ParsedMessage, readonly AddressFieldView[]>();

/** The address fields of a message in header order, parsed. */
export function addressFieldsOf(message: ParsedMessage): readonly AddressFieldView[] {
  const cached = viewsOfMessage.get(message);
  if (cached) return cached;
  const views: AddressFieldView[] = [];
  const occurrences = new Map<string, number>();
  for (const field of message.fields) {
    const role = ROLE_OF_FIELD[field.lowerName];
    if (!role) continue;
    // Each address field may appear once (RFC 5322 3.6); header-duplicate reports the repeats, and
    // parsing thousands of them made one hostile message take seconds.
    const seen = (occurrences.get(field.lowerName) ?? 0) + 1;
    occurrences.set(field.lowerName, seen);
    if (seen <= MAX_OCCURRENCES_PARSED) views.push(viewOfField(field, role));
  }
  viewsOfMessage.set(message, views);
  return views;
}

function viewOfField(field: HeaderField, role: AddressRole): AddressFieldView {
  return {
    fieldName: field.name,
    role,
    parsed: parseAddressList(field.value, { allowEmpty: role === 'bcc' }),
    line: field.line,
    column: field.column,
    locate: (index) => locateInField(field, index),
    field,
  };
}

/** One address as given on the command line: positions are columns of line 1. */
export function standaloneAddressView(text: string): AddressFieldView {
  return {
    fieldName: '',
    role: 'standalone',
    parsed: parseAddressList(text, { standalone: true }),
    line: 1,
    column: 1,
    locate: (index) => ({ line: 1, column: index + 1 }),
  };
}

/** "To: " before a message about a field; nothing for a standalone address. */
export function fieldPrefix(view: AddressFieldView): string {
  return view.fieldName ? `${view.fieldName}: ` : '';
}

/** A problem found by the address parser, as a finding of the check that reports it. */
export function problemFinding(view: AddressFieldView, problem: AddressProblem): {
  message: string;
  line: number;
  column: number;
  fix?: string;
  severity?: 'warn';
} {
  const position = view.locate(problem.index);
  const finding: { message: string; line: number; column: number; fix?: string; severity?: 'warn' } = {
    message: `${fieldPrefix(view)}${problem.message}`,
    line: position.line,
    column: position.column,
  };
  if (problem.fix !== undefined) finding.fix = problem.fix;
  if (problem.level === 'warning') finding.severity = 'warn';
  return finding;
}

export interface NamedDomain {
  /** Lower-case ASCII (A-label) host name. */
  domain: string;
  fieldName: string;
  line: number;
  column: number;
}

/**
 * The distinct domains named in From, Sender, Reply-To, To, Cc and Bcc, each with the first place it
 * is named: the domains whose mail DNS is worth auditing. Domains that are not valid host names
 * (and domain literals) are left out: address-invalid reports them.
 */
export function domainsNamedIn(message: ParsedMessage): NamedDomain[] {
  const seen = new Set<string>();
  const named: NamedDomain[] = [];
  for (const view of addressFieldsOf(message)) {
    for (const mailbox of view.parsed.mailboxes) {
      if (mailbox.hostname === undefined || seen.has(mailbox.hostname)) continue;
      seen.add(mailbox.hostname);
      named.push({ domain: mailbox.hostname, fieldName: view.fieldName, ...view.locate(mailbox.domainIndex) });
    }
  }
  return named;
}
