// What the RFC 5322 grammar does not apply and a sender still trips over: RFC 5321 lengths,
// host-name rules for domains, quoted local parts and domain literals (legal, but poorly
// supported); obsolete syntax (RFC 5322 section 4); the shape of a standalone address; and the
// advice for display names with specials (quote them, or encode them inside an encoded-word).

import { isIpv4Text, isIpv6Text } from '../net/ip-text.js';
import { validateHostname } from '../dns/hostname.js';
import { containsObsolete, emailAddresses, findNode, startOf, strictlyParses, type AstNode, type LibraryMailbox } from './address-library.js';
import { canonicalLocalPart, collapse, CONTROL_CHARACTER, describeControl, escapeQuoted, shorten, stripComments } from './address-structure.js';
import type { AddressProblem, Mailbox, ParsedAddressList, ParsedElement } from './address-types.js';

/** RFC 5321 4.5.3.1.1 and 4.5.3.1.3 (the 256-octet path less its angle brackets; RFC 3696 erratum 1690). */
export const MAX_LOCAL_PART_OCTETS = 64;
export const MAX_ADDRESS_OCTETS = 254;

export function mailboxRuleProblems(mailbox: Mailbox): AddressProblem[] {
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
    const isAddress = ipv6 ? isIpv6Text(ipv6[1]!) : isIpv4Text(literal);
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

export function obsoleteProblems(mailbox: LibraryMailbox, elementStart: number, offsets: Map<AstNode, number>): AddressProblem[] {
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

// ---------------------------------------------------------------------------------------------
// Display names: encoded-words that hold specials.

/**
 * A "." inside a Q encoded-word makes the display name an obs-phrase to RFC 5322, but the rule
 * broken is RFC 2047 5(3) (encoded-word-invalid reports it, with the =2E fix). True when the
 * element has no obsolete syntax once those dots are encoded.
 */
export function onlyObsoleteForDotsInWords(text: string): boolean {
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
export const ENCODE_INSTEAD =
  'the special sits inside an encoded-word, so encode it there as =XX (RFC 2047 5(3)); quoting would stop the encoded-word being decoded (RFC 2047 5: never inside a quoted-string)';

/**
 * The name with the RFC 5322 specials inside its Q encoded-words written as =XX, or undefined when
 * no encoded-word holds one. That, not quoting, is the fix for such a name: an encoded-word inside
 * a quoted-string is never decoded (RFC 2047 5).
 */
export function encodeSpecialsInWords(name: string): string | undefined {
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

// ---------------------------------------------------------------------------------------------
// A standalone address (`maillint address`).

/** A standalone address must be one mailbox, written without comments or folding. */
export function checkStandaloneShape(parsedElements: readonly ParsedElement[], result: ParsedAddressList): void {
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
export function unfoldStandalone(text: string, result: ParsedAddressList): string {
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
