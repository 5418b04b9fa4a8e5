// The bare structure of RFC 5322 address text, read without the email-addresses parser: the
// one-pass scan that splits a list at its top-level commas and measures comment nesting (it runs
// before the parser, whose recursion overflows on deep nesting), a walker over quoted strings and
// comments, and the small text helpers the messages share. Hand-written: the library exposes no
// tokenizer, and these must work on text it cannot parse.

import type { Element } from './address-types.js';

/** A control character other than TAB (C0 or DEL). */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000a-\u001f\u007f]/;

// ---------------------------------------------------------------------------------------------
// Structure scan: comment depth, top-level elements, in one pass that never recurses.

export interface Structure {
  elements: Element[];
  maxCommentDepth: number;
  deepCommentIndex: number;
}

/**
 * Splits at commas outside quoted strings, comments, domain literals, angle brackets and groups
 * (`name: a, b;` is one element), and measures comment nesting. Unclosed constructs just run to the
 * end: the parser reports them.
 */
export function scanStructure(value: string): Structure {
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
// Pieces: quoted strings and comments as units.

type Piece = 'plain' | 'quoted' | 'comment';

/**
 * Walks RFC 5322 text piece by piece: a plain character; a quoted-string character, its quotes,
 * or a backslash pair inside it ('quoted'); or a whole comment, nested ones included ('comment').
 * An unclosed quote or comment runs to the end of the text.
 */
export function forEachPiece(text: string, visit: (piece: string, kind: Piece) => void): void {
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
export function canonicalLocalPart(tokens: string): string {
  let output = '';
  forEachPiece(tokens, (piece, kind) => {
    if (kind === 'quoted' || (kind === 'plain' && !' \t\r\n'.includes(piece))) output += piece;
  });
  return output;
}

/** The text with comments removed and quoted strings blanked (to look at the bare structure). */
export function stripComments(text: string): string {
  let output = '';
  forEachPiece(text, (piece, kind) => {
    if (kind === 'plain') output += piece;
    else if (kind === 'comment') output += ' ';
    else output += piece === '"' ? '"' : 'x';
  });
  return output;
}

export function hasUnclosed(text: string, quote: string): boolean {
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

export function commentDepthAtEnd(text: string): number {
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

export function escapeQuoted(text: string): string {
  return text.replace(/["\\]/g, (character) => `\\${character}`);
}

/** Runs of spaces and tabs as one space (other white space, such as a stray CR, stays visible). */
export function collapse(text: string): string {
  return text.replace(/[ \t]+/g, ' ').trim();
}

export function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function describeControl(character: string): string {
  if (character === '\r') return 'a carriage return (CR)';
  if (character === '\n') return 'a line feed (LF)';
  const code = character.codePointAt(0) ?? 0;
  return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
