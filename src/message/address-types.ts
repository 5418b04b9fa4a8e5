// The shapes address parsing hands out (public: Mailbox, Group, AddressProblem, ParsedAddressList)
// and the per-element record the parser, the rules and the explanations pass between them. Kept in
// a module of their own so the modules that fill them need not import address-list.ts (no cycles).

/**
 * What a problem is about, which decides the check that reports it:
 * - `syntax`: the field (or one element of it) cannot be read as addresses, or has the wrong shape
 *   (from-invalid, sender-invalid, or address-invalid for the other fields);
 * - `address`: one parsed address breaks a delivery rule (address-invalid);
 * - `obsolete`: RFC 5322 section 4 syntax (address-obsolete);
 * - `unquoted-display-name`: a display name with specials that must be quoted (address-unquoted-display-name).
 */
export type AddressProblemCategory = 'syntax' | 'address' | 'obsolete' | 'unquoted-display-name';

export interface AddressProblem {
  category: AddressProblemCategory;
  /** `invalid`: the address cannot be used; `warning`: it can, but often fails or is mangled. */
  level: 'invalid' | 'warning';
  /** What is wrong and how to fix it, without the field name (the check adds it). */
  message: string;
  fix?: string;
  /** The fix as a rewrite of the parsed text from `start` to `end` (indexes), when it is mechanical. */
  replacement?: { start: number; end: number; text: string };
  /** Where it starts, as an index in the parsed text (a field's unfolded value). */
  index: number;
  /** The address concerned, when one was parsed. */
  address?: string;
}

export interface Mailbox {
  /** Display name as the parser reads it (quotes and escapes removed, white space collapsed). */
  displayName: string | null;
  /** Local part as written for SMTP: comments and folding removed, quotes kept. */
  localPart: string;
  /** Domain as written (white space and comments removed); may be a `[literal]` or contain U-labels. */
  domain: string;
  /** `localPart@domain`. */
  address: string;
  /** Index in the parsed text where the mailbox starts (its display name, or its address). */
  index: number;
  /** Index where the address (the addr-spec) starts, and where its domain starts. */
  addressIndex: number;
  domainIndex: number;
  /** The valid host name (lower-case A-label form), when the domain is one. */
  hostname?: string;
  quotedLocalPart: boolean;
  domainLiteral: boolean;
  /** The group this mailbox belongs to, if any. */
  groupName?: string;
}

export interface Group {
  displayName: string;
  index: number;
  mailboxes: Mailbox[];
}

export type AddressEntry = { kind: 'mailbox'; mailbox: Mailbox } | { kind: 'group'; group: Group };

export interface ParsedAddressList {
  /** Parsed elements in order (elements that did not parse are absent; see `problems`). */
  entries: AddressEntry[];
  /** Every mailbox, group members included, in order. */
  mailboxes: Mailbox[];
  problems: AddressProblem[];
  /** No element was left out: every non-empty element parsed. */
  complete: boolean;
}

/** One top-level element of a list (the text between top-level commas). */
export interface Element {
  /** Index of the element's first character in the whole text. */
  start: number;
  text: string;
}

/** One element after the parser (or after the checks that spared it the parser). */
export interface ParsedElement {
  element: Element;
  /** Only white space and comments (an obsolete empty list element). */
  empty: boolean;
  parsed?: { entries: AddressEntry[]; problems: AddressProblem[] };
  /** Why it did not parse (already phrased for a person). */
  failure?: string;
  /** The element is only a phrase: no `@`, no `<`, no `:` outside quotes and comments. */
  phraseOnly: boolean;
  /** The addr-spec's tokens as written (standalone checks look for comments and white space in them). */
  addrSpecTokens?: string;
}
