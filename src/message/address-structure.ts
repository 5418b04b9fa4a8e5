// The bare structure of RFC 5322 address text, read without the email-addresses parser: the
// one-pass scan that splits a list at its top-level commas and measures comment nesting (it runs
// before the parser, whose recursion overflows on deep nesting), a walker over quoted strings and
// comments, and the small text helpers the messages share. Hand-written: the library exposes no
// tokenizer, and these must work on text it cannot parse.

import type { Element } from './address-types.js';
import { readComment } from './cfws.js';

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
  let maxCommentDepth = 0;
  let deepCommentIndex = 0;
  for (let index = 0; index < value.length; index += 1) {
    const character = value[index];
    if (character === '\\' && (inQuote || inLiteral)) {
      index += 1;
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
      case '(': {
        const comment = readComment(value, index);
        if (comment.maxDepth > maxCommentDepth) {
          maxCommentDepth = comment.maxDepth;
          deepCommentIndex = comment.deepestIndex;
        }
        index = comment.end - 1;
        break;
      }
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
      const comment = readComment(text, index);
      visit(text.slice(index, comment.end), 'comment');
      index = comment.end;
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

/**
 * What is still open at the end of the text: a quoted string, or comments (how deep). Lenient on
 * purpose, for explaining text that did not parse: a "\\" anywhere quotes the next character, and a
 * stray ")" is ignored.
 */
function openAtEnd(text: string): { quote: boolean; commentDepth: number } {
  let index = 0;
  while (index < text.length) {
    const character = text[index];
    if (character === '\\') {
      index += 2;
    } else if (character === '"') {
      index += 1;
      while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
      if (index >= text.length) return { quote: true, commentDepth: 0 };
      index += 1;
    } else if (character === '(') {
      const comment = readComment(text, index);
      if (!comment.closed) return { quote: false, commentDepth: comment.depthAtEnd };
      index = comment.end;
    } else {
      index += 1;
    }
  }
  return { quote: false, commentDepth: 0 };
}

export function hasUnclosedQuote(text: string): boolean {
  return openAtEnd(text).quote;
}

export function commentDepthAtEnd(text: string): number {
  return openAtEnd(text).commentDepth;
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
