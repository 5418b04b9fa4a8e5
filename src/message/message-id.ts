// RFC 5322 3.6.4 msg-id lists (Message-ID, In-Reply-To, References), read strictly with positions.
// Hand-written: the grammar is small, and the address libraries do not parse msg-id.

import { skipCfws as skipCfwsRun } from './cfws.js';

export interface MessageId {
  /** Index of "<" in the value. */
  index: number;
  /** The whole "<left@right>". */
  raw: string;
  left: string;
  right: string;
}

export interface MessageIdProblem {
  index: number;
  reason: string;
  /** Obsolete but readable forms are warnings; the rest are errors. */
  severity: 'error' | 'warn';
  /** A corrected msg-id when the fix is mechanical. */
  suggestion?: string;
}

export interface MessageIdList {
  ids: MessageId[];
  problems: MessageIdProblem[];
  /** Words that are not msg-ids (obsolete phrases in In-Reply-To/References, or garbage). */
  strayWords: { index: number; text: string }[];
}

const ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~-";
const DOT_ATOM_TEXT = new RegExp(`^[${ATEXT}]+(\\.[${ATEXT}]+)*$`);
/** no-fold-literal: "[" *dtext "]", dtext = printable ASCII except "[", "]" and "\". */
const NO_FOLD_LITERAL = /^\[[\x21-\x5a\x5e-\x7e]*\]$/;
const QUOTED_STRING = /^"(?:[^"\\]|\\.)*"$/;

/** msg-id lists are read leniently about folding: a line break left in the value is white space. */
const LINE_BREAKS_ARE_SPACE = { lineBreaks: true };

/** Skips white space and comments from `index`; returns the next index, or -1 for an unclosed comment. */
function skipCfws(value: string, index: number): number {
  return skipCfwsRun(value, index, LINE_BREAKS_ARE_SPACE);
}

function describeDotAtom(part: string, side: 'left' | 'right'): string | undefined {
  if (part.length === 0) return `the part ${side === 'left' ? 'before' : 'after'} "@" is empty`;
  if (/[^\x21-\x7e]/.test(part)) return /[\s]/.test(part) ? 'it contains white space' : 'it contains non-ASCII or control characters';
  if (part.startsWith('.') || part.endsWith('.') || part.includes('..')) return `its ${side} part ${JSON.stringify(part)} has a dot at the start or end, or two dots in a row`;
  return `its ${side} part ${JSON.stringify(part)} holds characters a dot-atom cannot (such as "${part.match(new RegExp(`[^.${ATEXT}]`))?.[0] ?? '?'}")`;
}

/**
 * Reads the obsolete form (RFC 5322 4.5.4: obs-id-left is a local-part, obs-id-right a domain,
 * both with CFWS between their words and dots). Returns the id without the CFWS, or undefined
 * when it is not even that.
 */
function readObsoleteId(inner: string): string | undefined {
  const tokens: string[] = [];
  let index = 0;
  while (index < inner.length) {
    const next = skipCfws(inner, index);
    if (next === -1) return undefined;
    index = next;
    if (index >= inner.length) break;
    const rest = inner.slice(index);
    // obs-id-right is a domain, so its literal may hold FWS and quoted-pairs (obs-dtext).
    const token = /^(?:[.@]|"(?:[^"\\]|\\.)*"|\[(?:[ \t]|\\[\x00-\x7f]|[\x21-\x5a\x5e-\x7e])*\]|[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)/.exec(rest)?.[0];
    if (!token) return undefined;
    tokens.push(token.startsWith('[') ? token.replace(/[ \t]+/g, '') : token);
    index += token.length;
  }
  const at = tokens.indexOf('@');
  if (at === -1 || tokens.lastIndexOf('@') !== at) return undefined;
  const dotted = (parts: string[], allowQuoted: boolean): boolean =>
    parts.length > 0 &&
    parts.every((part, position) => (position % 2 === 1 ? part === '.' : part !== '.' && part !== '@' && !part.startsWith('[') && (allowQuoted || !part.startsWith('"')))) &&
    parts.length % 2 === 1;
  const left = tokens.slice(0, at);
  const right = tokens.slice(at + 1);
  const rightOk = dotted(right, false) || (right.length === 1 && right[0]!.startsWith('['));
  return dotted(left, true) && rightOk ? tokens.join('') : undefined;
}

function checkId(id: MessageId, problems: MessageIdProblem[]): void {
  const inner = id.raw.slice(1, -1);
  const add = (reason: string, severity: 'error' | 'warn' = 'error', suggestion?: string): void =>
    void problems.push({ index: id.index, reason, severity, ...(suggestion ? { suggestion } : {}) });
  if (inner.trim().length === 0) return add('the angle brackets are empty');
  if (inner.startsWith('"')) {
    const at = inner.lastIndexOf('@');
    const left = at === -1 ? inner : inner.slice(0, at);
    if (QUOTED_STRING.test(left) && at !== -1) {
      add('its left part is a quoted-string: obsolete syntax (RFC 5322 4.5.4) that strict receivers refuse', 'warn');
      const rightProblem = DOT_ATOM_TEXT.test(id.right) || NO_FOLD_LITERAL.test(id.right) || readObsoleteId(`x@${id.right}`) !== undefined ? undefined : describeDotAtom(id.right, 'right');
      if (rightProblem) add(rightProblem);
      return;
    }
  }
  const currentSyntax = DOT_ATOM_TEXT.test(id.left) && (DOT_ATOM_TEXT.test(id.right) || NO_FOLD_LITERAL.test(id.right));
  if (currentSyntax) return;
  // Not the current syntax: RFC 5322 4.5.4 still reads obs-id-left (a local-part) and obs-id-right
  // (a domain, whose literal may hold FWS and quoted-pairs): obsolete, so a warning.
  const obsolete = readObsoleteId(inner);
  if (obsolete !== undefined) {
    const at = obsolete.lastIndexOf('@');
    const readable = DOT_ATOM_TEXT.test(obsolete.slice(0, at)) && (DOT_ATOM_TEXT.test(obsolete.slice(at + 1)) || NO_FOLD_LITERAL.test(obsolete.slice(at + 1)));
    return add(
      /[\s(]/.test(inner)
        ? 'white space or comments inside the msg-id are obsolete syntax (RFC 5322 4.5.4) that strict receivers refuse'
        : `its ${obsolete.slice(0, at).includes('"') ? 'left part holds a quoted-string' : 'domain literal holds a backslash escape'}: obsolete syntax (RFC 5322 4.5.4) that strict receivers refuse`,
      'warn',
      readable ? `<${obsolete}>` : undefined,
    );
  }
  if (/[\s(]/.test(inner)) return add('it contains white space', 'error');
  if (!inner.includes('@')) return add('it has no "@" (a msg-id is "<unique-part@domain>")');
  if (!DOT_ATOM_TEXT.test(id.left)) add(describeDotAtom(id.left, 'left')!);
  if (!DOT_ATOM_TEXT.test(id.right) && !NO_FOLD_LITERAL.test(id.right)) {
    add(id.right.includes('@') ? 'it has more than one "@"' : describeDotAtom(id.right, 'right')!);
  }
}

/**
 * The ">" that closes the msg-id opened at `open`. An obsolete left part may be a quoted-string and
 * the obsolete forms allow comments (RFC 5322 4.5.4), either of which may hold ">": they are
 * skipped. When a quote or comment never closes, the first ">" is taken (as before).
 */
function closingAngle(value: string, open: number): number {
  let index = open + 1;
  while (index < value.length) {
    const character = value[index]!;
    if (character === '>') return index;
    if (character === '"') {
      index += 1;
      while (index < value.length && value[index] !== '"') index += value[index] === '\\' ? 2 : 1;
      if (index >= value.length) return value.indexOf('>', open);
    } else if (character === '(') {
      const next = skipCfws(value, index);
      if (next === -1) return value.indexOf('>', open);
      index = next;
      continue;
    }
    index += 1;
  }
  return -1;
}

/** Reads a field value as a list of msg-ids (one for Message-ID; one or more for In-Reply-To/References). */
export function parseMessageIdList(value: string): MessageIdList {
  const ids: MessageId[] = [];
  const problems: MessageIdProblem[] = [];
  const strayWords: { index: number; text: string }[] = [];
  let index = 0;
  while (index < value.length) {
    const next = skipCfws(value, index);
    if (next === -1) {
      problems.push({ index, reason: 'a comment "(" is never closed', severity: 'error' });
      break;
    }
    index = next;
    if (index >= value.length) break;
    if (value[index] === '<') {
      const close = closingAngle(value, index);
      if (close === -1) {
        problems.push({ index, reason: 'the "<" is never closed by ">"', severity: 'error', suggestion: `${value.slice(index).trim()}>` });
        break;
      }
      const raw = value.slice(index, close + 1);
      const inner = raw.slice(1, -1);
      // A quoted left part (obsolete) may itself hold "@": then the domain follows the last one.
      const at = inner.startsWith('"') ? inner.lastIndexOf('@') : inner.indexOf('@');
      const id: MessageId = { index, raw, left: at === -1 ? inner : inner.slice(0, at), right: at === -1 ? '' : inner.slice(at + 1) };
      ids.push(id);
      checkId(id, problems);
      index = close + 1;
      continue;
    }
    // Not a msg-id: a word (quoted-string or atom) up to white space, "<" or "(".
    let end = index;
    if (value[index] === '"') {
      end = index + 1;
      while (end < value.length && value[end] !== '"') end += value[end] === '\\' ? 2 : 1;
      end = Math.min(end + 1, value.length);
    } else {
      while (end < value.length && !/[\s<(]/.test(value[end]!)) end += 1;
      // A character skipCfws does not skip (form feed, no-break space) still moves the reader on.
      if (end === index) end += 1;
    }
    strayWords.push({ index, text: value.slice(index, end) });
    index = end;
  }
  return { ids, problems, strayWords };
}
