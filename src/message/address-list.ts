// Address lists (the value of From, Sender, Reply-To, To, Cc, Bcc) and single addresses: the public
// entry point. It parses each element with the email-addresses library and gathers what the
// address-* modules find: address-rules.ts (what the grammar does not apply: RFC 5321 lengths,
// host names, quoted local parts, domain literals, obsolete syntax) and address-explain.ts (why an
// element did not parse).
//
// email-addresses is a backtracking recursive-descent parser: ~0.2 ms per character on hostile input
// and a stack overflow at ~1,900 nested comments. So before it sees anything this module caps the
// field length, splits the list at its top-level commas (each element is parsed on its own, which
// also says WHICH address is broken), caps each element, checks comment nesting, and contains every
// exception the parser could still throw.

import type EmailAddresses from 'email-addresses';
import { containsObsolete, nodeOffsets, parseWithLibrary, startOf, type AstNode, type LibraryGroup, type LibraryMailbox } from './address-library.js';
import { describeSyntaxError, explainFailures, reportEmptyElements } from './address-explain.js';
import { checkStandaloneShape, mailboxRuleProblems, obsoleteProblems, onlyObsoleteForDotsInWords, unfoldStandalone } from './address-rules.js';
import { canonicalLocalPart, commentDepthAtEnd, describeControl, hasUnclosedQuote, scanStructure, stripComments } from './address-structure.js';
import type { AddressEntry, AddressProblem, Element, Mailbox, ParsedAddressList, ParsedElement } from './address-types.js';
import { formatCount } from './fields.js';

export type { AddressEntry, AddressProblem, AddressProblemCategory, Group, Mailbox, ParsedAddressList } from './address-types.js';
export { MAX_ADDRESS_OCTETS, MAX_LOCAL_PART_OCTETS } from './address-rules.js';

/** Longest field value parsed (also the receiver limit header-size reports against). */
export const MAX_FIELD_CHARACTERS = 32 * 1024;
/** Longest single list element parsed: no deliverable address with its display name comes near. */
export const MAX_ELEMENT_CHARACTERS = 2048;
/** Deepest comment nesting parsed; the parser's own recursion overflows near 1,900. */
export const MAX_COMMENT_DEPTH = 50;

export interface ParseAddressOptions {
  /**
   * The text is one address on its own (`maillint address`), not a header field: it must be exactly
   * one mailbox, folding is unfolded first, and comments or white space in or around the address
   * are warned about (they cannot go into an SMTP envelope).
   */
  standalone?: boolean;
  /** An empty value is allowed (Bcc, RFC 5322 3.6.3). */
  allowEmpty?: boolean;
}

/** Parses an address-list field value (or one address with `standalone`). Never throws. */
export function parseAddressList(text: string, options: ParseAddressOptions = {}): ParsedAddressList {
  const result: ParsedAddressList = { entries: [], mailboxes: [], problems: [], complete: true };
  let value = text;
  const subject = options.standalone ? 'the address' : 'the field';
  if (options.standalone) value = unfoldStandalone(text, result);

  if (value.length > MAX_FIELD_CHARACTERS) {
    result.complete = false;
    result.problems.push({
      category: 'syntax',
      level: 'invalid',
      message: `${subject} is ${formatCount(value.length)} characters long; maillint reads address fields up to ${formatCount(MAX_FIELD_CHARACTERS)} characters (receivers limit a header field to about that): split the recipients over several messages or use a list address`,
      index: 0,
    });
    return result;
  }

  const structure = scanStructure(value);
  if (structure.maxCommentDepth > MAX_COMMENT_DEPTH) {
    result.complete = false;
    result.problems.push({
      category: 'syntax',
      level: 'invalid',
      message: `${subject} has comments nested ${structure.maxCommentDepth} deep; maillint stops at ${MAX_COMMENT_DEPTH} (no real address needs more than one level): remove the parenthesised comments`,
      index: structure.deepCommentIndex,
    });
    return result;
  }

  const elements = structure.elements;
  const parsedElements = elements.map((element) => parseElement(element));
  const nonEmpty = parsedElements.filter((element) => !element.empty);

  if (nonEmpty.length === 0) {
    if (!options.allowEmpty) {
      result.complete = false;
      result.problems.push({
        category: 'syntax',
        level: 'invalid',
        message: options.standalone ? 'the address is empty' : 'the field is empty: it names no address',
        index: 0,
      });
    }
    return result;
  }

  reportEmptyElements(parsedElements, value.length, result);
  explainFailures(parsedElements, result);

  for (const element of parsedElements) {
    if (!element.parsed) continue;
    for (const entry of element.parsed.entries) {
      result.entries.push(entry);
      if (entry.kind === 'mailbox') result.mailboxes.push(entry.mailbox);
      else result.mailboxes.push(...entry.group.mailboxes);
    }
    result.problems.push(...element.parsed.problems);
  }
  if (options.standalone) checkStandaloneShape(parsedElements, result);
  result.problems.sort((left, right) => left.index - right.index);
  return result;
}

// ---------------------------------------------------------------------------------------------
// One element through the parser.

const NEVER_ALLOWED = /[\u0000\r\n]/;

/**
 * Each element's parse, remembered for the run as if the element started at index 0: a bulk lint of
 * rendered templates parses the same few From and To addresses thousands of times, and the
 * library is the costliest step of a message. The parse is pure in the element's text; only its
 * positions move with the element, so a remembered parse is shifted, never shared.
 */
const parsedElements = new Map<string, ParsedElement>();
const MAX_REMEMBERED_ELEMENTS = 5_000;

/** For tests: forget every remembered parse. */
export function forgetRememberedParses(): void {
  parsedElements.clear();
}

function parseElement(element: Element): ParsedElement {
  let atZero = parsedElements.get(element.text);
  if (atZero === undefined) {
    atZero = parseElementText({ start: 0, text: element.text });
    if (parsedElements.size >= MAX_REMEMBERED_ELEMENTS) parsedElements.delete(parsedElements.keys().next().value!);
    parsedElements.set(element.text, atZero);
  }
  return shiftedTo(atZero, element);
}

function shiftedTo(atZero: ParsedElement, element: Element): ParsedElement {
  const by = element.start;
  const mailboxAt = (mailbox: Mailbox): Mailbox => ({
    ...mailbox,
    index: mailbox.index + by,
    addressIndex: mailbox.addressIndex + by,
    domainIndex: mailbox.domainIndex + by,
  });
  const shifted: ParsedElement = { ...atZero, element };
  if (atZero.parsed) {
    shifted.parsed = {
      entries: atZero.parsed.entries.map((entry): AddressEntry =>
        entry.kind === 'mailbox'
          ? { kind: 'mailbox', mailbox: mailboxAt(entry.mailbox) }
          : { kind: 'group', group: { ...entry.group, index: entry.group.index + by, mailboxes: entry.group.mailboxes.map(mailboxAt) } },
      ),
      problems: atZero.parsed.problems.map((problem) => ({ ...problem, index: problem.index + by })),
    };
  }
  return shifted;
}

function parseElementText(element: Element): ParsedElement {
  const { text } = element;
  const bare = stripComments(text);
  const phraseOnly = bare.trim().length > 0 && !/[@<>:]/.test(bare);
  if (bare.trim().length === 0) {
    // Only white space and comments, unless a comment or quote never closes and swallowed the rest.
    if (commentDepthAtEnd(text) === 0 && !hasUnclosedQuote(text)) return { element, empty: true, phraseOnly: false };
    return { element, empty: false, phraseOnly: false, failure: describeSyntaxError(text) };
  }
  // A bare phrase can never be an address; the parser is not asked (it is slowest on such text).
  if (phraseOnly && !NEVER_ALLOWED.test(text)) return { element, empty: false, phraseOnly, failure: 'it has no "@"' };
  const leading = text.length - text.trimStart().length;
  if (text.length > MAX_ELEMENT_CHARACTERS) {
    return {
      element,
      empty: false,
      phraseOnly: false,
      failure: `it is ${formatCount(text.length)} characters long; no deliverable address is longer than ${formatCount(MAX_ELEMENT_CHARACTERS)} with its display name, so maillint does not parse it`,
    };
  }
  const never = NEVER_ALLOWED.exec(text);
  if (never) {
    return {
      element,
      empty: false,
      phraseOnly,
      failure: `it contains ${describeControl(never[0])}: NUL and bare line breaks are never allowed in an address (SMTP and most mail software cut the field there); remove it`,
    };
  }

  let result: EmailAddresses.ParsedResult | null;
  try {
    result = parseWithLibrary(text);
  } catch (error) {
    // Contained: a parser failure is a finding about this address, never a crash.
    return {
      element,
      empty: false,
      phraseOnly,
      failure: `it could not be parsed (${error instanceof RangeError ? 'too deeply nested' : 'parser failure'}); rewrite it as Name <user@example.com>`,
    };
  }
  if (!result || result.addresses.length === 0) {
    return { element, empty: false, phraseOnly, failure: describeSyntaxError(text) };
  }

  const offsets = nodeOffsets(result.ast, result.addresses);
  const obsolete = containsObsolete(result.ast) && !onlyObsoleteForDotsInWords(text);
  const entries: AddressEntry[] = [];
  const problems: AddressProblem[] = [];
  let addrSpecTokens: string | undefined;
  for (const address of result.addresses) {
    if (address.type === 'group') {
      const group = address as LibraryGroup;
      const groupIndex = element.start + startOf(group.node, offsets);
      const mailboxes = group.addresses.map((member) => toMailbox(member, element.start, offsets, group.name));
      entries.push({ kind: 'group', group: { displayName: group.name, index: groupIndex, mailboxes } });
      for (const mailbox of mailboxes) problems.push(...mailboxRuleProblems(mailbox));
      if (obsolete) {
        for (const member of group.addresses) problems.push(...obsoleteProblems(member, element.start, offsets));
      }
    } else {
      const libraryMailbox = address as LibraryMailbox;
      const mailbox = toMailbox(libraryMailbox, element.start, offsets);
      addrSpecTokens = libraryMailbox.parts.address.tokens;
      entries.push({ kind: 'mailbox', mailbox });
      problems.push(...mailboxRuleProblems(mailbox));
      if (obsolete) problems.push(...obsoleteProblems(libraryMailbox, element.start, offsets));
    }
  }
  if (obsolete && !problems.some((problem) => problem.category === 'obsolete')) {
    problems.push({
      category: 'obsolete',
      level: 'warning',
      message: 'this address uses obsolete RFC 5322 syntax (section 4): write it as Name <user@example.com>',
      index: element.start + leading,
    });
  }
  const parsedElement: ParsedElement = { element, empty: false, phraseOnly, parsed: { entries, problems } };
  if (addrSpecTokens !== undefined) parsedElement.addrSpecTokens = addrSpecTokens;
  return parsedElement;
}

function toMailbox(mailbox: LibraryMailbox, elementStart: number, offsets: Map<AstNode, number>, groupName?: string): Mailbox {
  const localPart = canonicalLocalPart(mailbox.parts.local.tokens);
  const domain = mailbox.domain;
  const result: Mailbox = {
    displayName: mailbox.name,
    localPart,
    domain,
    address: `${localPart}@${domain}`,
    index: elementStart + startOf(mailbox.node, offsets),
    addressIndex: elementStart + startOf(mailbox.parts.address, offsets),
    domainIndex: elementStart + startOf(mailbox.parts.domain, offsets),
    quotedLocalPart: localPart.includes('"'),
    domainLiteral: domain.startsWith('['),
  };
  if (groupName !== undefined) result.groupName = groupName;
  return result;
}
