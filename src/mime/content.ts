// Reads one entity's content as it streams by, a line segment at a time, and keeps only facts:
// where the first 8-bit octet, NUL, invalid UTF-8, bad base64 character or bad quoted-printable
// escape stands, and the first base64/quoted-printable line over 76 octets. Nothing is held, so a
// 1 GB attachment costs what a 1 KB one does. The scanner hands over lines without their endings.

import { isAscii, isUtf8 } from 'node:buffer';
import { firstInvalidUtf8, incompleteUtf8Tail } from '../message/header-section.js';
import { DecodedUtf8Check } from './decoded-text.js';
import type { ContentFacts } from './types.js';

/** RFC 2045 6.7 (quoted-printable) and 6.8 (base64): encoded lines are at most 76 characters. */
export const MAX_ENCODED_LINE = 76;
/** RFC 5322 2.1.1's recommended limit, which CPython's email uses for quoted-printable lines. */
export const RECOMMENDED_LINE = 78;
/** Octets of one encoded line kept for decoding; encoded text lines are 76. */
const MAX_DECODED_LINE = 64 * 1024;

const EQUALS = 61;
const SPACE = 32;
const TAB = 9;

/** What makes a block of encoded lines worth a line-by-line look: padding or a stray character; an escape that is not "=XX" or a soft break; a CR not before LF. */
const BASE64_BLOCK_SUSPECT = /[^A-Za-z0-9+/\r\n]/;
const QUOTED_PRINTABLE_BLOCK_SUSPECT = /=(?![0-9A-Fa-f]{2}|[ \t]*\r?\n)/;
const BARE_CR = /\r[^\n]/;

const BASE64_ALPHABET = new Uint8Array(256);
for (const character of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64_ALPHABET[character.charCodeAt(0)] = 1;
const HEX_DIGIT = new Uint8Array(256);
for (const character of '0123456789ABCDEFabcdef') HEX_DIGIT[character.charCodeAt(0)] = 1;

export interface ContentOptions {
  encoding: string;
  /** Check that the octets are valid in this charset: 'utf-8', 'us-ascii' or none. */
  textCharset?: 'utf-8' | 'us-ascii';
}

export class ContentReader {
  readonly facts: ContentFacts = { byteLength: 0, nulCount: 0, longEncodedLines: 0, overlongEncodedLines: 0 };
  private readonly base64: boolean;
  private readonly quotedPrintable: boolean;
  private readonly textCharset: 'utf-8' | 'us-ascii' | undefined;
  private line = 0;
  /** Octets of the current line read so far (its column is this + 1). */
  private column = 0;
  /** Incomplete UTF-8 sequence carried from the last segment. */
  private utf8Carry: Buffer | undefined;
  private utf8CarryColumn = 0;
  private utf8CarryLine = 0;
  private base64Characters = 0;
  private base64Padding = 0;
  /** quoted-printable: octets seen after an open "=" (undefined: none open). */
  private escape: number[] | undefined;
  private escapeColumn = 0;
  /** Just after the last octet of text seen, for what is judged at the content's end. */
  private lastText: { line: number; column: number } = { line: 0, column: 1 };

  constructor(options: ContentOptions) {
    this.base64 = options.encoding === 'base64';
    this.quotedPrintable = options.encoding === 'quoted-printable';
    // Encoded text is checked once decoded (see `decoded`), not octet by octet.
    this.textCharset = this.base64 || this.quotedPrintable ? undefined : options.textCharset;
    // Encoded UTF-8 text is decoded line by line to be checked (a text part is small; an attachment is not text).
    if (options.textCharset === 'utf-8' && (this.base64 || this.quotedPrintable)) this.decoded = new DecodedUtf8Check(this.base64 ? 'base64' : 'quoted-printable');
  }

  private readonly decoded: DecodedUtf8Check | undefined;
  /** The encoded line being read, for `decoded` (dropped past MAX_DECODED_LINE: such a line is not text). */
  private lineParts: Buffer[] = [];
  private linePartsLength = 0;

  /**
   * Complete lines at once, line endings included, the first being line `line`: facts are taken
   * on the whole block with native calls, and a position is worked out only when one is found.
   * Encoded lines that break a rule go line by line, so the first problem is located as it would be.
   */
  block(bytes: Buffer, line: number): void {
    if (this.base64 || this.quotedPrintable) {
      if (!this.cleanEncodedBlock(bytes, line)) this.blockByLines(bytes, line);
      return;
    }
    const facts = this.facts;
    facts.byteLength += bytes.length;
    if (!facts.firstEightBit && !isAscii(bytes)) {
      facts.firstEightBit = positionIn(bytes, firstEightBitIndex(bytes), line);
      if (this.textCharset === 'us-ascii') facts.invalidText ??= facts.firstEightBit;
    }
    let nul = bytes.indexOf(0);
    if (nul !== -1) facts.firstNul ??= positionIn(bytes, nul, line);
    while (nul !== -1) {
      facts.nulCount += 1;
      nul = bytes.indexOf(0, nul + 1);
    }
    if (this.textCharset === 'utf-8' && !facts.invalidText && !isUtf8(bytes)) facts.invalidText = positionIn(bytes, firstInvalidUtf8(bytes), line);
  }

  /** base64 or quoted-printable lines with nothing wrong but (perhaps) their length: taken whole; false when they need a closer look. */
  private cleanEncodedBlock(bytes: Buffer, line: number): boolean {
    if (this.decoded || this.escape || this.base64Padding > 0 || !isAscii(bytes) || bytes.includes(0)) return false;
    const text = bytes.toString('latin1');
    if ((this.base64 ? BASE64_BLOCK_SUSPECT : QUOTED_PRINTABLE_BLOCK_SUSPECT).test(text) || BARE_CR.test(text)) return false;
    let start = 0;
    let lines = 0;
    let lineEndOctets = 0;
    let lastLength = 0;
    for (let lf = bytes.indexOf(10); lf !== -1; lf = bytes.indexOf(10, start)) {
      const crlf = lf > start && bytes[lf - 1] === 13;
      const length = lf - start - (crlf ? 1 : 0);
      if (length > MAX_ENCODED_LINE) this.noteLongLine(line + lines, length);
      lineEndOctets += crlf ? 2 : 1;
      lastLength = length;
      lines += 1;
      start = lf + 1;
    }
    if (this.base64) this.base64Characters += bytes.length - lineEndOctets;
    this.facts.byteLength += bytes.length;
    if (lastLength > 0) this.lastText = { line: line + lines - 1, column: lastLength + 1 };
    return true;
  }

  private blockByLines(bytes: Buffer, line: number): void {
    let start = 0;
    let number = line;
    for (let lf = bytes.indexOf(10); lf !== -1; lf = bytes.indexOf(10, start)) {
      const crlf = lf > start && bytes[lf - 1] === 13;
      this.startLine(number);
      this.segment(bytes.subarray(start, crlf ? lf - 1 : lf));
      this.endLine(crlf ? 2 : 1);
      number += 1;
      start = lf + 1;
    }
  }

  private noteLongLine(line: number, octets: number): void {
    const facts = this.facts;
    facts.longEncodedLines += 1;
    facts.firstLongEncodedLine ??= { line, column: MAX_ENCODED_LINE + 1, octets };
    if (octets > RECOMMENDED_LINE) {
      facts.overlongEncodedLines += 1;
      facts.firstOverlongEncodedLine ??= { line, column: RECOMMENDED_LINE + 1, octets };
    }
  }

  startLine(line: number): void {
    this.line = line;
    if (this.lastText.line === 0) this.lastText = { line, column: 1 };
    this.column = 0;
  }

  /** Octets of the current line, its line ending excluded. */
  segment(bytes: Buffer): void {
    if (bytes.length > 0) this.octets(bytes);
  }

  /** The line ended (`breakOctets`: 2 for CRLF, 1 for LF) or the content ended inside it (0). */
  endLine(breakOctets: number): void {
    this.facts.byteLength += breakOctets;
    if (this.column > 0) this.lastText = { line: this.line, column: this.column + 1 };
    if (this.quotedPrintable) this.closeEscapeAtLineEnd();
    if ((this.base64 || this.quotedPrintable) && this.column > MAX_ENCODED_LINE) this.noteLongLine(this.line, this.column);
    if (breakOctets > 0 && this.utf8Carry) this.utf8Invalid(this.utf8CarryColumn);
    if (this.decoded) {
      this.decoded.line(this.lineParts.length === 1 ? this.lineParts[0]! : Buffer.concat(this.lineParts), this.line);
      this.lineParts = [];
      this.linePartsLength = 0;
    }
  }

  /** The entity's content is over. */
  finish(): void {
    if (this.utf8Carry) this.utf8Invalid(this.utf8CarryColumn, this.utf8CarryLine);
    if (this.decoded) {
      this.decoded.finish();
      if (this.decoded.invalidLine !== undefined) this.facts.invalidText ??= { line: this.decoded.invalidLine, column: 1 };
    }
    if (this.base64 && !this.facts.base64BadCharacter && (this.base64Characters + this.base64Padding) % 4 !== 0) {
      this.facts.base64Truncated = this.column > 0 ? { line: this.line, column: this.column + 1 } : this.lastText;
    }
  }

  private octets(bytes: Buffer): void {
    if (bytes.length === 0) return;
    const facts = this.facts;
    facts.byteLength += bytes.length;
    const start = this.column;
    if (!isAscii(bytes)) {
      if (!facts.firstEightBit) facts.firstEightBit = { line: this.line, column: start + firstEightBitIndex(bytes) + 1 };
      if (this.textCharset === 'us-ascii') facts.invalidText ??= facts.firstEightBit;
    }
    let nul = bytes.indexOf(0);
    if (nul !== -1) {
      facts.firstNul ??= { line: this.line, column: start + nul + 1 };
      while (nul !== -1) {
        facts.nulCount += 1;
        nul = bytes.indexOf(0, nul + 1);
      }
    }
    if (this.textCharset === 'utf-8' && !facts.invalidText) this.checkUtf8(bytes, start);
    if (this.decoded && this.linePartsLength < MAX_DECODED_LINE) {
      this.lineParts.push(Buffer.from(bytes));
      this.linePartsLength += bytes.length;
    }
    if (this.base64) this.checkBase64(bytes, start);
    else if (this.quotedPrintable) this.checkQuotedPrintable(bytes, start);
    this.column += bytes.length;
  }

  private checkUtf8(bytes: Buffer, start: number): void {
    let text = bytes;
    let textStart = start;
    if (this.utf8Carry) {
      text = Buffer.concat([this.utf8Carry, bytes]);
      textStart = this.utf8CarryColumn;
      this.utf8Carry = undefined;
    }
    if (isUtf8(text)) return;
    // A sequence cut by the segment's end is carried to the next segment, not judged yet.
    const cut = incompleteUtf8Tail(text);
    const complete = text.subarray(0, cut);
    const invalid = firstInvalidUtf8(complete);
    if (invalid !== -1) {
      this.utf8Invalid(textStart + invalid);
      return;
    }
    if (cut < text.length) {
      this.utf8Carry = Buffer.from(text.subarray(cut));
      this.utf8CarryColumn = textStart + cut;
      this.utf8CarryLine = this.line;
    }
  }

  private utf8Invalid(columnIndex: number, line = this.line): void {
    this.utf8Carry = undefined;
    this.facts.invalidText ??= { line, column: columnIndex + 1 };
  }

  private checkBase64(bytes: Buffer, start: number): void {
    if (this.facts.base64BadCharacter) return;
    for (let index = 0; index < bytes.length; index += 1) {
      const byte = bytes[index]!;
      if (BASE64_ALPHABET[byte] === 1 && this.base64Padding === 0) {
        this.base64Characters += 1;
        continue;
      }
      if (byte === EQUALS && this.base64Padding < 2 && (this.base64Characters + this.base64Padding) % 4 >= 2) {
        this.base64Padding += 1;
        continue;
      }
      this.facts.base64BadCharacter = { line: this.line, column: start + index + 1, character: byte };
      return;
    }
  }

  private checkQuotedPrintable(bytes: Buffer, start: number): void {
    if (this.facts.badEscape) return;
    for (let index = 0; index < bytes.length; index += 1) {
      const byte = bytes[index]!;
      const escape = this.escape;
      if (!escape) {
        if (byte === EQUALS) {
          this.escape = [];
          this.escapeColumn = start + index + 1;
        }
        continue;
      }
      const padding = escape.length > 0 && isWhiteSpace(escape[0]!);
      escape.push(byte);
      // "=" then white space is a soft line break with transport padding: only white space may follow.
      if (padding || isWhiteSpace(escape[0]!)) {
        if (!isWhiteSpace(byte)) this.badEscape(escape);
      } else if (escape.length === 2) {
        if (HEX_DIGIT[escape[0]!] !== 1 || HEX_DIGIT[escape[1]!] !== 1) this.badEscape(escape);
        this.escape = undefined;
      }
      if (this.facts.badEscape) return;
    }
  }

  /** At a line's end an open "=" is a soft line break, unless one octet of an escape came before it. */
  private closeEscapeAtLineEnd(): void {
    const escape = this.escape;
    this.escape = undefined;
    if (!escape || this.facts.badEscape) return;
    if (escape.length > 0 && !isWhiteSpace(escape[0]!)) this.badEscape(escape);
  }

  private badEscape(escape: readonly number[]): void {
    this.escape = undefined;
    this.facts.badEscape ??= { line: this.line, column: this.escapeColumn, text: `=${Buffer.from(escape.slice(0, 2)).toString('latin1')}` };
  }
}

function isWhiteSpace(byte: number): boolean {
  return byte === SPACE || byte === TAB;
}

/** Line and column (octets) of `index` in a block of whole lines that starts at line `line`. */
function positionIn(bytes: Buffer, index: number, line: number): { line: number; column: number } {
  let lines = 0;
  let lastLf = -1;
  let at = bytes.indexOf(10);
  while (at !== -1 && at < index) {
    lines += 1;
    lastLf = at;
    at = bytes.indexOf(10, at + 1);
  }
  return { line: line + lines, column: index - lastLf };
}

function firstEightBitIndex(bytes: Buffer): number {
  for (let index = 0; index < bytes.length; index += 1) if (bytes[index]! >= 0x80) return index;
  return 0;
}
