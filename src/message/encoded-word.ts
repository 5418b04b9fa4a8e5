// RFC 2047 encoded-words (=?charset?B|Q?text?=): finding them in a header value, validating them,
// and writing them (the mechanical fix for raw 8-bit text in a header).
// Hand-written: libraries that decode encoded-words (libmime, mailparser) are lenient by design and
// report no positions or reasons; a linter needs the opposite.

import { firstInvalidUtf8 } from './header-section.js';

/** RFC 2047 2: an encoded-word is at most 75 characters. */
export const MAX_ENCODED_WORD_LENGTH = 75;

export interface EncodedWord {
  /** Index of "=?" in the value it was found in. */
  index: number;
  raw: string;
  charset: string;
  language: string | undefined;
  encoding: string;
  text: string;
}

export interface EncodedWordProblem {
  /** What is wrong, as a clause: "its B text is not valid base64". */
  reason: string;
  /** Index in the value where the problem is (defaults to the word's start). */
  index: number;
  /** A charset readers do not know is suspicious rather than certainly broken. */
  severity: 'error' | 'warn';
}

// A candidate starts like an encoded-word ("=?" charset "?" encoding "?") and ends at the next "?=".
// The text part may hold white space, so a word broken by a space or a fold is still found (and reported).
const CANDIDATE = /=\?([^?\s]+)\?([^?\s]{1,16})\?([^?]*?)\?=/g;

/** RFC 2047 2 token: any CHAR except SPACE, CTLs and especials. */
const TOKEN = /^[^\u0000-\u0020\u007f-\uffff()<>@,;:\\"/[\]?.=]+$/;
const BASE64_TEXT = /^[A-Za-z0-9+/]*={0,2}$/;

export function findEncodedWords(value: string): EncodedWord[] {
  const words: EncodedWord[] = [];
  for (const match of value.matchAll(CANDIDATE)) {
    const [raw, charsetPart, encoding, text] = match as unknown as [string, string, string, string];
    const star = charsetPart.indexOf('*');
    words.push({
      index: match.index ?? 0,
      raw,
      charset: star === -1 ? charsetPart : charsetPart.slice(0, star),
      language: star === -1 ? undefined : charsetPart.slice(star + 1),
      encoding,
      text,
    });
  }
  return words;
}

function decodeQ(text: string): Uint8Array | string {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    const code = character.charCodeAt(0);
    if (character === '=') {
      const hex = text.slice(index + 1, index + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return `"=${hex}" at offset ${index} is not "=" followed by two hex digits`;
      bytes.push(Number.parseInt(hex, 16));
      index += 2;
    } else if (character === '_') {
      bytes.push(0x20);
    } else if (code < 33 || code > 126) {
      return code > 126 ? 'its Q text holds a raw non-ASCII character (encode it as =XX)' : 'its Q text holds white space or a control character';
    } else {
      bytes.push(code);
    }
  }
  return Uint8Array.from(bytes);
}

function decodeB(text: string): Uint8Array | string {
  if (!BASE64_TEXT.test(text)) return 'its B text has characters outside the base64 alphabet';
  if (text.length % 4 !== 0) return 'its B text is not padded to a multiple of 4 characters with "="';
  return Buffer.from(text, 'base64');
}

function knownCharset(charset: string): boolean {
  try {
    new TextDecoder(charset);
    return true;
  } catch {
    return false;
  }
}

/** Everything wrong with one encoded-word on its own (where it stands is the caller's business). */
export function validateEncodedWord(word: EncodedWord): EncodedWordProblem[] {
  const problems: EncodedWordProblem[] = [];
  const add = (reason: string, severity: 'error' | 'warn' = 'error'): void => void problems.push({ reason, index: word.index, severity });
  if (/\s/.test(word.text)) {
    add('it contains white space, so decoders do not see one encoded-word (it must not be folded or hold spaces; Q writes a space as "_")');
    return problems;
  }
  if (word.raw.length > MAX_ENCODED_WORD_LENGTH) {
    // Readers decode longer words all the same (CPython's email writes 76): broken rule, not mangled text.
    add(`it is ${word.raw.length} characters long; RFC 2047 allows ${MAX_ENCODED_WORD_LENGTH} (readers decode it all the same; split the text into several encoded-words separated by spaces)`, 'warn');
  }
  if (!TOKEN.test(word.charset) || (word.language !== undefined && !/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(word.language))) {
    add(`its charset ${JSON.stringify(word.charset + (word.language === undefined ? '' : `*${word.language}`))} is not a valid charset token`);
    return problems;
  }
  const encoding = word.encoding.toUpperCase();
  if (encoding !== 'B' && encoding !== 'Q') {
    add(`its encoding ${JSON.stringify(word.encoding)} is neither B nor Q`);
    return problems;
  }
  if (word.text.length === 0) {
    add('its encoded text is empty');
    return problems;
  }
  const decoded = encoding === 'B' ? decodeB(word.text) : decodeQ(word.text);
  if (typeof decoded === 'string') {
    add(decoded);
    return problems;
  }
  const charset = word.charset.toLowerCase();
  if (charset === 'utf-8' || charset === 'utf8') {
    if (firstInvalidUtf8(decoded) !== -1) add('it decodes to octets that are not valid UTF-8, though it says UTF-8');
  } else if (!knownCharset(word.charset)) {
    add(`mail readers do not know its charset ${JSON.stringify(word.charset)} (a typo for UTF-8?) and show the text undecoded`, 'warn');
  }
  return problems;
}

/** The text an encoded-word stands for, or undefined when it does not decode cleanly in its charset. */
export function decodeEncodedWord(word: EncodedWord): string | undefined {
  const encoding = word.encoding.toUpperCase();
  if (encoding !== 'B' && encoding !== 'Q') return undefined;
  const decoded = encoding === 'B' ? decodeB(word.text) : decodeQ(word.text);
  if (typeof decoded === 'string') return undefined;
  try {
    return new TextDecoder(word.charset, { fatal: true }).decode(decoded);
  } catch {
    return undefined;
  }
}

/**
 * Where an encoded-word stands decides which characters its Q text may hold as themselves:
 * `text` (unstructured fields, RFC 2047 5(1)): any printable ASCII but "?" (and "_" is a space);
 * `comment` (RFC 2047 5(2)): not "(", ")" or '"'; `phrase` (a display name, RFC 2047 5(3)): only
 * letters, digits and "!", "*", "+", "-", "/", "=", "_". B text (letters, digits, "+", "/", "=") fits everywhere.
 */
export type EncodedWordContext = 'text' | 'comment' | 'phrase';

const PHRASE_Q_CHARACTER = /[A-Za-z0-9!*+\-/=_]/;
/** Written raw in a phrase these end the atom, so the field is split or unparseable (the rest only breaks RFC 2047). */
const PHRASE_BREAKING = '()<>[]:;@\\,"';

export interface ContextProblem extends EncodedWordProblem {
  /** The first character the context does not allow, and how to write it ("=2C"). */
  character: string;
  encoded: string;
}

/** The first character of a Q word's text that RFC 2047 5 does not allow where the word stands. */
export function contextProblem(word: EncodedWord, context: EncodedWordContext): ContextProblem | undefined {
  if (context === 'text' || word.encoding.toUpperCase() !== 'Q') return undefined;
  const textStart = word.index + word.raw.length - 2 - word.text.length;
  for (let offset = 0; offset < word.text.length; offset += 1) {
    const character = word.text[offset]!;
    if (character === '=') {
      offset += 2; // "=XX" is how every character may be written
      continue;
    }
    const forbidden = context === 'phrase' ? !PHRASE_Q_CHARACTER.test(character) : '()"'.includes(character);
    if (!forbidden) continue;
    const hex = `=${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
    const breaking = context === 'phrase' ? PHRASE_BREAKING.includes(character) : character !== '"';
    const where = context === 'phrase' ? 'a display name (RFC 2047 5(3): only letters, digits and ! * + - / = _)' : 'a comment (RFC 2047 5(2))';
    return {
      character,
      encoded: hex,
      index: textStart + offset,
      severity: breaking ? 'error' : 'warn',
      reason: `its Q text holds ${JSON.stringify(character)}, which an encoded-word may not hold as itself in ${where}${
        breaking ? `; unencoded, it ${context === 'phrase' ? 'ends the word, so the field is split or unreadable' : 'changes where the comment ends'}` : ''
      }: write it as ${hex}`,
    };
  }
  return undefined;
}

/**
 * The text as RFC 2047 B-encoded UTF-8 words of at most 75 characters, separated by spaces
 * (white space between encoded-words is dropped when decoding). Never splits a character.
 */
export function encodeUtf8Words(text: string): string {
  const prefix = '=?UTF-8?B?';
  const suffix = '?=';
  const maxBytes = ((MAX_ENCODED_WORD_LENGTH - prefix.length - suffix.length) >> 2) * 3;
  const words: string[] = [];
  let chunk = '';
  for (const character of text) {
    if (Buffer.byteLength(chunk + character) > maxBytes) {
      words.push(prefix + Buffer.from(chunk).toString('base64') + suffix);
      chunk = '';
    }
    chunk += character;
  }
  if (chunk.length > 0 || words.length === 0) words.push(prefix + Buffer.from(chunk).toString('base64') + suffix);
  return words.join(' ');
}
