// Address lists (the value of From, Sender, Reply-To, To, Cc, Bcc) and single addresses, parsed with the
// email-addresses library (the RFC 5322 grammar, with RFC 6532 UTF-8) and checked against what that
// grammar does not cover: RFC 5321 lengths, host-name rules for domains, quoted local parts and
// domain literals (legal, but poorly supported), obsolete syntax and unquoted display names.
//
// email-addresses is a backtracking recursive-descent parser: ~0.2 ms per character on hostile input
// and a stack overflow at ~1,900 nested comments. So before it sees anything this module caps the
// field length, splits the list at its top-level commas (each element is parsed on its own, which
// also says WHICH address is broken), caps each element, checks comment nesting, and contains every
// exception the parser could still throw.

import type EmailAddresses from 'email-addresses';
import { createRequire } from 'node:module';
import { isIPv4, isIPv6 } from 'node:net';
import { validateHostname } from '../dns/hostname.js';

// Loaded through require: imported from ESM, this CommonJS package pays a module-lexer pass on
// every run's start-up (~5 ms against ~1.5 ms).
const emailAddresses = createRequire(import.meta.url)('email-addresses') as typeof EmailAddresses;

type AstNode = EmailAddresses.ASTNode;
type LibraryMailbox = EmailAddresses.ParsedMailbox;
type LibraryGroup = EmailAddresses.ParsedGroup;

/** Longest field value parsed (also the receiver limit header-size reports against). */
export const MAX_FIELD_CHARACTERS = 32 * 1024;
/** Longest single list element parsed: no deliverable address with its display name comes near. */
export const MAX_ELEMENT_CHARACTERS = 2048;
/** Deepest comment nesting parsed; the parser's own recursion overflows near 1,900. */
export const MAX_COMMENT_DEPTH = 50;
/** RFC 5321 4.5.3.1.1 and 4.5.3.1.3 (the 256-octet path less its angle brackets; RFC 3696 erratum 1690). */
export const MAX_LOCAL_PART_OCTETS = 64;
export const MAX_ADDRESS_OCTETS = 254;

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
      message: `${subject} is ${value.length.toLocaleString('en-US')} characters long; maillint reads address fields up to ${MAX_FIELD_CHARACTERS.toLocaleString('en-US')} characters (receivers limit a header field to about that): split the recipients over several messages or use a list address`,
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
// Structure scan: comment depth, top-level elements, in one pass that never recurses.

interface Element {
  /** Index of the element's first character in the whole text. */
  start: number;
  text: string;
}

interface Structure {
  elements: Element[];
  maxCommentDepth: number;
  deepCommentIndex: number;
}

/**
 * Splits at commas outside quoted strings, comments, domain literals, angle brackets and groups
 * (`name: a, b;` is one element), and measures comment nesting. Unclosed constructs just run to the
 * end: the parser reports them.
 */
function scanStructure(value: string): Structure {
  const elements: Element[] = [];
  let elementStart = 0;
  let inQuote = false;
  let inLiteral = false;
  let inAngle = false;
  let inGroup = false;
  let commentDepth = 0;
  let maxCommentDepth = 0;
  let deepCommentIndex = 0;
  for (let index = 0; index < value.length; index += 1) {
    const character = value[index];
    if (character === '\\' && (inQuote || inLiteral || commentDepth > 0)) {
      index += 1;
      continue;
    }
    if (commentDepth > 0) {
      if (character === '(') {
        commentDepth += 1;
        if (commentDepth > maxCommentDepth) {
          maxCommentDepth = commentDepth;
          deepCommentIndex = index;
        }
      } else if (character === ')') {
        commentDepth -= 1;
      }
      continue;
    }
    if (inQuote) {
      if (character === '"') inQuote = false;
      continue;
    }
    if (inLiteral) {
      if (character === ']') inLiteral = false;
      continue;
    }
    switch (character) {
      case '"':
        inQuote = true;
        break;
      case '(':
        commentDepth = 1;
        if (maxCommentDepth === 0) {
          maxCommentDepth = 1;
          deepCommentIndex = index;
        }
        break;
      case '[':
        inLiteral = true;
        break;
      case '<':
        inAngle = true;
        break;
      case '>':
        inAngle = false;
        break;
      case ':':
        if (!inAngle) inGroup = true;
        break;
      case ';':
        if (!inAngle) inGroup = false;
        break;
      case ',':
        if (!inAngle && !inGroup) {
          elements.push({ start: elementStart, text: value.slice(elementStart, index) });
          elementStart = index + 1;
        }
        break;
      default:
        break;
    }
  }
  elements.push({ start: elementStart, text: value.slice(elementStart) });
  return { elements, maxCommentDepth, deepCommentIndex };
}

// ---------------------------------------------------------------------------------------------
// One element through the parser.

interface ParsedElement {
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

const CONTROL_CHARACTER = /[\u0000-\u0008\u000a-\u001f\u007f]/;
const NEVER_ALLOWED = /[\u0000\r\n]/;

/**
 * The library's parse of one element, remembered for the run: a bulk lint of rendered templates
 * parses the same few From and To addresses thousands of times, and the library is the costliest
 * step of a message (about a quarter of a 10,000-file run). Results are only read, never changed.
 */
const libraryResults = new Map<string, { result: EmailAddresses.ParsedResult | null } | { error: unknown }>();
const MAX_REMEMBERED_RESULTS = 5_000;

function parseWithLibrary(text: string): EmailAddresses.ParsedResult | null {
  let remembered = libraryResults.get(text);
  if (remembered === undefined) {
    try {
      remembered = { result: emailAddresses({ input: text, startAt: 'address', rfc6532: true, simple: false }) };
    } catch (error) {
      remembered = { error };
    }
    if (libraryResults.size >= MAX_REMEMBERED_RESULTS) libraryResults.clear();
    libraryResults.set(text, remembered);
  }
  if ('error' in remembered) throw remembered.error;
  return remembered.result;
}

function parseElement(element: Element): ParsedElement {
  const { text } = element;
  const bare = stripComments(text);
  const phraseOnly = bare.trim().length > 0 && !/[@<>:]/.test(bare);
  if (bare.trim().length === 0) {
    // Only white space and comments, unless a comment or quote never closes and swallowed the rest.
    if (commentDepthAtEnd(text) === 0 && !hasUnclosed(text, '"')) return { element, empty: true, phraseOnly: false };
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
      failure: `it is ${text.length.toLocaleString('en-US')} characters long; no deliverable address is longer than ${MAX_ELEMENT_CHARACTERS.toLocaleString('en-US')} with its display name, so maillint does not parse it`,
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

/** Start offset (within the element) of the AST nodes the results point at, by walking the tokens in order. */
function nodeOffsets(root: AstNode, addresses: readonly (LibraryMailbox | LibraryGroup)[]): Map<AstNode, number> {
  const wanted = new Set<AstNode>();
  for (const address of addresses) {
    if (address.node) wanted.add(address.node);
    if (address.type === 'group') {
      for (const member of (address as LibraryGroup).addresses) addMailboxNodes(member, wanted);
    } else {
      addMailboxNodes(address as LibraryMailbox, wanted);
    }
  }
  const offsets = new Map<AstNode, number>();
  let offset = 0;
  // Iterative pre-order walk: a node's tokens are its children's tokens concatenated, so the
  // leaves in order spell the input and a node starts where its first leaf does.
  const stack: AstNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (wanted.has(node) && !offsets.has(node)) offsets.set(node, offset);
    const children = node.children.filter((child): child is AstNode => child !== null && child !== undefined);
    if (children.length === 0) {
      offset += node.tokens.length;
    } else {
      for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index]!);
    }
  }
  return offsets;
}

function addMailboxNodes(mailbox: LibraryMailbox, wanted: Set<AstNode>): void {
  if (mailbox.node) wanted.add(mailbox.node);
  wanted.add(mailbox.parts.address);
  wanted.add(mailbox.parts.local);
  wanted.add(mailbox.parts.domain);
  if (mailbox.parts.name) wanted.add(mailbox.parts.name);
}

/** Start of a node's first non-white-space character, within the element. */
function startOf(node: AstNode | undefined | null, offsets: Map<AstNode, number>): number {
  if (!node) return 0;
  const start = offsets.get(node) ?? 0;
  return start + (node.tokens.length - node.tokens.trimStart().length);
}

function containsObsolete(root: AstNode): boolean {
  const stack: AstNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.name.startsWith('obs-')) return true;
    for (const child of node.children) if (child) stack.push(child);
  }
  return false;
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

type Piece = 'plain' | 'quoted' | 'comment';

/**
 * Walks RFC 5322 text piece by piece: a plain character; a quoted-string character, its quotes,
 * or a backslash pair inside it ('quoted'); or a whole comment, nested ones included ('comment').
 * An unclosed quote or comment runs to the end of the text.
 */
function forEachPiece(text: string, visit: (piece: string, kind: Piece) => void): void {
  let index = 0;
  while (index < text.length) {
    const character = text[index]!;
    if (character === '"') {
      visit('"', 'quoted');
      index += 1;
      while (index < text.length) {
        const inner = text[index]!;
        const piece = inner === '\\' ? text.slice(index, index + 2) : inner;
        visit(piece, 'quoted');
        index += piece.length;
        if (inner === '"') break;
      }
    } else if (character === '(') {
      const start = index;
      let depth = 0;
      do {
        const inner = text[index]!;
        if (inner === '\\') index += 1;
        else if (inner === '(') depth += 1;
        else if (inner === ')') depth -= 1;
        index += 1;
      } while (depth > 0 && index < text.length);
      visit(text.slice(start, index), 'comment');
    } else {
      visit(character, 'plain');
      index += 1;
    }
  }
}

/** The local part as it would go into SMTP: comments and white space outside quoted strings dropped. */
function canonicalLocalPart(tokens: string): string {
  let output = '';
  forEachPiece(tokens, (piece, kind) => {
    if (kind === 'quoted' || (kind === 'plain' && !' \t\r\n'.includes(piece))) output += piece;
  });
  return output;
}

/** The text with comments removed and quoted strings blanked (to look at the bare structure). */
function stripComments(text: string): string {
  let output = '';
  forEachPiece(text, (piece, kind) => {
    if (kind === 'plain') output += piece;
    else if (kind === 'comment') output += ' ';
    else output += piece === '"' ? '"' : 'x';
  });
  return output;
}

// ---------------------------------------------------------------------------------------------
// Rules the grammar does not apply.

function mailboxRuleProblems(mailbox: Mailbox): AddressProblem[] {
  const problems: AddressProblem[] = [];
  const at = mailbox.addressIndex;
  const invalid = (message: string, index = at, fix?: string): void => {
    const problem: AddressProblem = { category: 'address', level: 'invalid', message, index, address: mailbox.address };
    if (fix !== undefined) problem.fix = fix;
    problems.push(problem);
  };
  const warning = (message: string, index = at, fix?: string): void => {
    const problem: AddressProblem = { category: 'address', level: 'warning', message, index, address: mailbox.address };
    if (fix !== undefined) problem.fix = fix;
    problems.push(problem);
  };

  const localOctets = Buffer.byteLength(mailbox.localPart);
  if (localOctets > MAX_LOCAL_PART_OCTETS) {
    invalid(`${shorten(mailbox.address)}: the local part is ${localOctets} octets long; RFC 5321 allows ${MAX_LOCAL_PART_OCTETS}, and servers reject longer ones (550 5.1.1): shorten it`);
  }
  const addressOctets = Buffer.byteLength(mailbox.address);
  if (addressOctets > MAX_ADDRESS_OCTETS) {
    invalid(`${shorten(mailbox.address)} is ${addressOctets} octets long; an address can be at most ${MAX_ADDRESS_OCTETS} (RFC 5321 4.5.3.1.3): use a shorter address`);
  }

  if (mailbox.domainLiteral) {
    const literal = mailbox.domain.slice(1, -1);
    const ipv6 = /^IPv6:(.*)$/i.exec(literal);
    const isAddress = ipv6 ? isIPv6(ipv6[1]!) : isIPv4(literal);
    if (!isAddress) {
      invalid(
        `${shorten(mailbox.address)}: the domain literal ${shorten(mailbox.domain)} is not an IPv4 address or "IPv6:" address (RFC 5321 4.1.3), so no server can deliver to it: use a domain name`,
        mailbox.domainIndex,
      );
    } else {
      warning(
        `${shorten(mailbox.address)} uses an IP address literal instead of a domain: most receivers refuse such addresses (550 5.1.2) and they break when the server moves: use a domain name`,
        mailbox.domainIndex,
      );
    }
  } else {
    const host = validateHostname(mailbox.domain);
    if (!host.ok) {
      invalid(`${shorten(mailbox.address)}: the domain is not a valid host name: ${host.reason}; fix the domain`, mailbox.domainIndex);
    } else {
      mailbox.hostname = host.normalized;
      if (/[^\x00-\x7f]/.test(mailbox.domain)) {
        warning(
          `${shorten(mailbox.address)}: the domain is internationalized (non-ASCII); written raw it needs SMTPUTF8 (RFC 6531) on every hop: write its ASCII form ${host.normalized}`,
          mailbox.domainIndex,
          `write the domain as ${host.normalized}`,
        );
      }
    }
  }

  if (mailbox.quotedLocalPart) {
    const unquoted = mailbox.localPart.replace(/^"(.*)"$/, '$1');
    const needless = /^"[^"\\]*"$/.test(mailbox.localPart) && /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(unquoted);
    if (needless) {
      warning(
        `${shorten(mailbox.address)}: the local part is quoted without need; quoted local parts are rejected or mangled by many systems: drop the quotes`,
        at,
        `write ${unquoted}@${mailbox.domain}`,
      );
    } else {
      warning(`${shorten(mailbox.address)}: the local part is a quoted string; many systems reject or mangle quoted local parts: use an address without quotes, spaces or specials`);
    }
  }
  if (/[^\x00-\x7f]/.test(mailbox.localPart)) {
    warning(`${shorten(mailbox.address)}: the local part has non-ASCII characters; it is deliverable only where every hop supports SMTPUTF8 (RFC 6531): use an ASCII address if the recipient has one`);
  }
  return problems;
}

function obsoleteProblems(mailbox: LibraryMailbox, elementStart: number, offsets: Map<AstNode, number>): AddressProblem[] {
  const problems: AddressProblem[] = [];
  const push = (message: string, node: AstNode | null | undefined, fix?: string): void => {
    const problem: AddressProblem = {
      category: 'obsolete',
      level: 'warning',
      message,
      index: elementStart + startOf(node ?? mailbox.node, offsets),
      address: `${canonicalLocalPart(mailbox.parts.local.tokens)}@${mailbox.domain}`,
    };
    if (fix !== undefined) problem.fix = fix;
    problems.push(problem);
  };
  const address = `${canonicalLocalPart(mailbox.parts.local.tokens)}@${mailbox.domain}`;
  if (mailbox.node && findNode(mailbox.node, 'obs-route')) {
    push(`${shorten(address)} carries a source route (<@host,@host:user@domain>, RFC 5322 4.4); receivers ignore or reject it: drop the route`, mailbox.node, `write <${address}>`);
    // Point at the route itself: the "@" after the last "<" before the address.
    const nodeStart = offsets.get(mailbox.node) ?? 0;
    const beforeAddress = mailbox.node.tokens.slice(0, (offsets.get(mailbox.parts.address) ?? nodeStart) - nodeStart);
    problems[problems.length - 1]!.index = elementStart + nodeStart + beforeAddress.lastIndexOf('<') + 1;
  }
  const name = mailbox.parts.name;
  // A "." inside a Q encoded-word is encoded-word-invalid's to report (write it =2E); quoting would hide the word.
  if (name && /\./.test(stripComments(name.tokens).replace(/"[^"]*"/g, '').replace(Q_ENCODED_WORD, ''))) {
    push(
      `display name ${JSON.stringify(collapse(name.tokens))} has an unquoted "." (obsolete phrase, RFC 5322 4.1): quote the display name`,
      name,
      `write "${escapeQuoted(mailbox.name ?? '')}" <${address}>`,
    );
  }
  // A control character alone makes the strict grammar fail; it is reported once, below.
  if (!CONTROL_CHARACTER.test(mailbox.parts.local.tokens) && !strictlyParses(`${mailbox.parts.local.tokens}@example.com`)) {
    push(
      `${shorten(address)}: the local part uses obsolete syntax (white space or comments around its dots, or quoted words joined by dots, RFC 5322 4.4)`,
      mailbox.parts.local,
      /^[^"]*$/.test(address) ? `write ${address}` : undefined,
    );
  }
  if (!mailbox.domain.startsWith('[') && !CONTROL_CHARACTER.test(mailbox.parts.domain.tokens) && !strictlyParses(`user@${mailbox.parts.domain.tokens}`)) {
    push(`${shorten(address)}: the domain uses obsolete syntax (white space or comments around its dots, RFC 5322 4.4)`, mailbox.parts.domain, `write ${address}`);
  }
  if (CONTROL_CHARACTER.test(mailbox.node?.tokens ?? '')) {
    const control = CONTROL_CHARACTER.exec(mailbox.node?.tokens ?? '')![0];
    push(`${shorten(address)} contains ${describeControl(control)} in a quoted string or comment (obsolete, RFC 5322 4.1); many servers reject it: remove it`, mailbox.node);
  }
  return problems;
}

function strictlyParses(input: string): boolean {
  try {
    return emailAddresses({ input, startAt: 'address', rfc6532: true, strict: true }) !== null;
  } catch {
    return false;
  }
}

function findNode(root: AstNode, name: string): AstNode | undefined {
  const stack: AstNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.name === name) return node;
    for (const child of node.children) if (child) stack.push(child);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// List-level problems.

function reportEmptyElements(parsedElements: readonly ParsedElement[], total: number, result: ParsedAddressList): void {
  if (parsedElements.length < 2) return;
  for (const parsed of parsedElements) {
    if (!parsed.empty) continue;
    result.problems.push({
      category: 'obsolete',
      level: 'warning',
      message: 'the list has an empty element (a stray comma, obsolete syntax, RFC 5322 4.4): remove the extra comma',
      // Point at the comma that ends the empty element, or for a trailing comma at the one before it.
      index: parsed.element.start + parsed.element.text.length < total ? parsed.element.start + parsed.element.text.length : Math.max(0, parsed.element.start - 1),
    });
  }
}

/**
 * Elements that did not parse: a run of bare phrases followed by a name-addr is a display name with
 * an unquoted comma (`Doe, John <j@example.com>`); a name-addr whose display name only parses when
 * quoted has unquoted specials (`info@shop <info@shop.example>`); a lone phrase is a name without
 * an address; the rest are syntax errors.
 */
function explainFailures(parsedElements: readonly ParsedElement[], result: ParsedAddressList): void {
  for (let index = 0; index < parsedElements.length; index += 1) {
    const current = parsedElements[index]!;
    if (current.parsed || current.empty) continue;
    const leading = current.element.text.length - current.element.text.trimStart().length;
    const at = current.element.start + leading;

    if (current.phraseOnly && !current.failure?.startsWith('it contains')) {
      let last = index;
      while (last + 1 < parsedElements.length && parsedElements[last + 1]!.phraseOnly && !parsedElements[last + 1]!.parsed) last += 1;
      const next = parsedElements[last + 1];
      const nextMailbox = next?.parsed?.entries[0];
      if (next && nextMailbox?.kind === 'mailbox' && nextMailbox.mailbox.addressIndex > nextMailbox.mailbox.index) {
        const mailbox = nextMailbox.mailbox;
        const nextUpToAddress = next.element.text.slice(0, mailbox.addressIndex - next.element.start);
        const nameInNext = nextUpToAddress.slice(0, nextUpToAddress.lastIndexOf('<'));
        const nameText = [...parsedElements.slice(index, last + 1).map((part) => part.element.text), nameInNext].join(',').trim();
        const encoded = encodeSpecialsInWords(collapse(nameText));
        const quoted = encoded === undefined ? `"${escapeQuoted(collapse(nameText))}" <${mailbox.address}>` : `${encoded} <${mailbox.address}>`;
        result.problems.push({
          category: 'unquoted-display-name',
          level: 'invalid',
          message: `display name ${JSON.stringify(collapse(nameText))} contains an unquoted comma, so it splits into ${last - index + 2} list elements: ${parsedElements
            .slice(index, last + 1)
            .map((part) => JSON.stringify(part.element.text.trim()))
            .join(', ')} (not an address) and ${JSON.stringify(collapse(next.element.text))}: ${encoded === undefined ? 'quote the display name' : ENCODE_INSTEAD}`,
          fix: `write ${quoted}`,
          index: at,
          address: mailbox.address,
        });
        index = last; // the next element is a real mailbox and is kept
        continue;
      }
      result.complete = false;
      result.problems.push({
        category: 'syntax',
        level: 'invalid',
        message: `${JSON.stringify(shorten(collapse(current.element.text)))} is a name without an address: write it as Name <user@example.com>`,
        index: at,
      });
      continue;
    }

    const quotedVersion = quoteDisplayName(current.element.text);
    if (quotedVersion && !current.failure?.startsWith('it contains')) {
      result.complete = false;
      const specials = [...new Set(quotedVersion.name.match(/[()<>[\]:;@\\,."]/g) ?? [])].join(' ');
      const encoded = encodeSpecialsInWords(quotedVersion.name);
      result.problems.push({
        category: 'unquoted-display-name',
        level: 'invalid',
        message: `display name ${JSON.stringify(shorten(quotedVersion.name))} contains special characters (${specials}) that must be quoted (RFC 5322 3.2.3); unquoted, the field does not parse and receivers reject or misread it: ${encoded === undefined ? 'quote the display name' : ENCODE_INSTEAD}`,
        fix: `write ${encoded === undefined ? quotedVersion.rewritten : `${encoded} <${quotedVersion.addrSpec}>`}`,
        index: at,
      });
      continue;
    }

    result.complete = false;
    result.problems.push({
      category: 'syntax',
      level: 'invalid',
      message: `${JSON.stringify(shorten(collapse(current.element.text)))} is not a valid address: ${current.failure ?? 'it does not follow RFC 5322 3.4'}`,
      index: at,
    });
  }
}

/** `Name <addr>` whose name only parses when quoted: the name and the rewritten mailbox. */
function quoteDisplayName(text: string): { name: string; rewritten: string; addrSpec: string } | undefined {
  const match = /^\s*([^<]*?)\s*<([^<>]*)>\s*$/s.exec(text);
  if (!match || match[1]!.length === 0 || match[1]!.startsWith('"')) return undefined;
  const name = match[1]!;
  const addrSpec = match[2]!.trim();
  const rewritten = `"${escapeQuoted(name)}" <${addrSpec}>`;
  return strictlyParses(rewritten) || lenientlyParses(rewritten) ? { name, rewritten, addrSpec } : undefined;
}

/**
 * A "." inside a Q encoded-word makes the display name an obs-phrase to RFC 5322, but the rule
 * broken is RFC 2047 5(3) (encoded-word-invalid reports it, with the =2E fix). True when the
 * element has no obsolete syntax once those dots are encoded.
 */
function onlyObsoleteForDotsInWords(text: string): boolean {
  let changed = false;
  const encoded = text.replace(Q_ENCODED_WORD, (word) => {
    const textStart = word.indexOf('?', word.indexOf('?', 2) + 1) + 1;
    const wordText = word.slice(textStart, -2);
    if (!wordText.includes('.')) return word;
    changed = true;
    return `${word.slice(0, textStart)}${wordText.replace(/\./g, '=2E')}?=`;
  });
  if (!changed) return false;
  try {
    const reparsed = emailAddresses({ input: encoded, startAt: 'address', rfc6532: true, simple: false });
    return reparsed !== null && !containsObsolete(reparsed.ast);
  } catch {
    return false;
  }
}

/** A Q encoded-word as written in a phrase (its text may hold any non-space character but "?"). */
const Q_ENCODED_WORD = /=\?[^?\s]+\?[Qq]\?[^?\s]*\?=/g;
const ENCODE_INSTEAD =
  'the special sits inside an encoded-word, so encode it there as =XX (RFC 2047 5(3)); quoting would stop the encoded-word being decoded (RFC 2047 5: never inside a quoted-string)';

/**
 * The name with the RFC 5322 specials inside its Q encoded-words written as =XX, or undefined when
 * no encoded-word holds one. That, not quoting, is the fix for such a name: an encoded-word inside
 * a quoted-string is never decoded (RFC 2047 5).
 */
function encodeSpecialsInWords(name: string): string | undefined {
  let changed = false;
  const rewritten = name.replace(Q_ENCODED_WORD, (word) => {
    const textStart = word.indexOf('?', word.indexOf('?', 2) + 1) + 1;
    const text = word.slice(textStart, -2).replace(/[()<>[\]:;@\\,."]/g, (special) => {
      changed = true;
      return `=${special.charCodeAt(0).toString(16).toUpperCase()}`;
    });
    return `${word.slice(0, textStart)}${text}?=`;
  });
  return changed ? rewritten : undefined;
}

function lenientlyParses(input: string): boolean {
  try {
    return emailAddresses({ input, startAt: 'address', rfc6532: true }) !== null;
  } catch {
    return false;
  }
}

/** A standalone address must be one mailbox, written without comments or folding. */
function checkStandaloneShape(parsedElements: readonly ParsedElement[], result: ParsedAddressList): void {
  const groups = result.entries.filter((entry) => entry.kind === 'group');
  if (groups.length > 0) {
    result.complete = false;
    result.problems.push({
      category: 'syntax',
      level: 'invalid',
      message: 'this is a group (name: members;), not an address: give one address',
      index: groups[0]!.kind === 'group' ? groups[0]!.group.index : 0,
    });
  }
  const mailboxes = result.entries.filter((entry) => entry.kind === 'mailbox');
  const hasUnquotedName = result.problems.some((problem) => problem.category === 'unquoted-display-name');
  if (mailboxes.length > 1 && !hasUnquotedName) {
    result.complete = false;
    result.problems.push({
      category: 'syntax',
      level: 'invalid',
      message: `this names ${mailboxes.length} addresses; give one address per argument`,
      index: 0,
    });
  }
  if (result.entries.length !== 1) return;
  for (const parsed of parsedElements) {
    const tokens = parsed.addrSpecTokens;
    const entry = parsed.parsed?.entries[0];
    if (tokens === undefined || entry?.kind !== 'mailbox') continue;
    const mailbox = entry.mailbox;
    const bareAddrSpec = mailbox.index === mailbox.addressIndex;
    const written = bareAddrSpec ? parsed.element.text : tokens;
    if (/^\s|\s$/.test(written) || hasCfwsOutsideQuotes(written)) {
      result.problems.push({
        category: 'address',
        level: 'warning',
        message: `${JSON.stringify(shorten(written))} contains white space or comments around or inside the address; they are not part of it and cannot go into an SMTP envelope: write ${mailbox.address}`,
        fix: `write ${mailbox.address}`,
        index: parsed.element.start,
        address: mailbox.address,
      });
    }
  }
}

function hasCfwsOutsideQuotes(tokens: string): boolean {
  let inQuote = false;
  for (let index = 0; index < tokens.length; index += 1) {
    const character = tokens[index]!;
    if (character === '\\' && inQuote) {
      index += 1;
    } else if (character === '"') {
      inQuote = !inQuote;
    } else if (!inQuote && (character === ' ' || character === '\t' || character === '(')) {
      return true;
    }
  }
  return false;
}

/**
 * A standalone address may arrive folded (CRLF + white space, RFC 5322 2.2.3): unfold it. What is
 * left of CR or LF stays and is reported as a bare line break.
 */
function unfoldStandalone(text: string, result: ParsedAddressList): string {
  const unfolded = text.replace(/\r\n(?=[ \t])/g, '');
  if (unfolded !== text) {
    result.problems.push({
      category: 'address',
      level: 'warning',
      message: 'the address is folded over several lines (CRLF and white space); an address must be written on one line: remove the line breaks',
      index: text.indexOf('\r\n'),
    });
  }
  return unfolded;
}

// ---------------------------------------------------------------------------------------------
// Explaining a failed parse. The parser only says "no"; these look for the usual mistakes.

function describeSyntaxError(text: string): string {
  const bare = stripComments(text);
  if (hasUnclosed(text, '"')) return 'a quoted string is not closed (a " is missing)';
  if (commentDepthAtEnd(text) > 0) return 'a comment is not closed (a ")" is missing)';
  if (/\[[^\]]*$/.test(bare)) return 'a domain literal is not closed (a "]" is missing)';
  const opens = (bare.match(/</g) ?? []).length;
  const closes = (bare.match(/>/g) ?? []).length;
  if (opens !== closes) return `the angle brackets do not match (${opens} "<", ${closes} ">")`;
  if (opens > 1) return 'it has more than one <…> part: give one address per list element, separated by commas';
  const addrSpec = opens === 1 ? (/<([^>]*)>/.exec(bare)?.[1] ?? '') : bare.trim();
  if (CONTROL_CHARACTER.test(text)) {
    return `it contains ${describeControl(CONTROL_CHARACTER.exec(text)![0])} outside a quoted string; remove it`;
  }
  if (!addrSpec.includes('@')) return 'it has no "@": an address is local-part@domain';
  const ats = (addrSpec.match(/@/g) ?? []).length;
  const lastAt = addrSpec.lastIndexOf('@');
  const local = addrSpec.slice(0, lastAt).trim();
  const domain = addrSpec.slice(lastAt + 1).trim();
  if (local.length === 0) return 'the local part before "@" is missing';
  if (domain.length === 0) return 'the domain after "@" is missing';
  if (ats > 1) return 'it has more than one "@" (an "@" in the local part must be inside a quoted string)';
  if (/^\.|\.$/.test(local) || local.includes('..')) return 'the local part starts or ends with a dot or has two dots in a row; quote it or remove the dots';
  if (/^\.|\.$/.test(domain) || domain.includes('..')) return 'the domain starts or ends with a dot or has two dots in a row';
  if (/\s/.test(local)) return 'the local part contains white space outside quotes';
  if (/\s/.test(domain)) return 'the domain contains white space';
  if (/[()<>[\]:;@\\,"]/.test(local.replace(/"[^"]*"/g, ''))) return 'the local part contains a special character ( ) < > [ ] : ; @ \\ , " outside a quoted string';
  if (/"/.test(local)) return 'quoted and unquoted text are mixed in the local part without a dot between them';
  if (/[()<>[\]:;@\\,"]/.test(domain)) return 'the domain contains a special character';
  if (opens === 1 && /[()<>[\]:;@\\,]/.test(bare.slice(0, bare.indexOf('<')).replace(/"[^"]*"/g, ''))) {
    return 'the display name contains special characters that must be quoted';
  }
  return 'it does not follow the address syntax of RFC 5322 3.4';
}

function hasUnclosed(text: string, quote: string): boolean {
  let inQuote = false;
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === '\\') {
      index += 1;
    } else if (!inQuote && character === '(') {
      depth += 1;
    } else if (!inQuote && character === ')' && depth > 0) {
      depth -= 1;
    } else if (depth === 0 && character === quote) {
      inQuote = !inQuote;
    }
  }
  return inQuote;
}

function commentDepthAtEnd(text: string): number {
  let depth = 0;
  let inQuote = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === '\\') index += 1;
    else if (depth === 0 && character === '"') inQuote = !inQuote;
    else if (!inQuote && character === '(') depth += 1;
    else if (!inQuote && character === ')' && depth > 0) depth -= 1;
  }
  return depth;
}

// ---------------------------------------------------------------------------------------------
// Text helpers.

function escapeQuoted(text: string): string {
  return text.replace(/["\\]/g, (character) => `\\${character}`);
}

/** Runs of spaces and tabs as one space (other white space, such as a stray CR, stays visible). */
function collapse(text: string): string {
  return text.replace(/[ \t]+/g, ' ').trim();
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function describeControl(character: string): string {
  if (character === '\r') return 'a carriage return (CR)';
  if (character === '\n') return 'a line feed (LF)';
  const code = character.codePointAt(0) ?? 0;
  return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
