// Whether base64 or quoted-printable text declared UTF-8 decodes to valid UTF-8. Lines are decoded
// one at a time (a sequence may run across a soft line break or a base64 line end, so incomplete
// octets are carried); the first invalid sequence is located at the encoded line where it starts.

import { isUtf8 } from 'node:buffer';
import { firstInvalidUtf8, incompleteUtf8Tail } from '../message/header-section.js';

const EQUALS = 61;
const SPACE = 32;
const TAB = 9;

function hexValue(byte: number): number {
  if (byte >= 48 && byte <= 57) return byte - 48;
  if (byte >= 65 && byte <= 70) return byte - 55;
  if (byte >= 97 && byte <= 102) return byte - 87;
  return -1;
}

/** One quoted-printable line decoded (RFC 2045 6.7): "=XX" escapes, a soft break at its end, trailing white space dropped. */
export function decodeQuotedPrintableLine(line: Buffer): Buffer {
  let end = line.length;
  while (end > 0 && (line[end - 1] === SPACE || line[end - 1] === TAB)) end -= 1;
  const soft = end > 0 && line[end - 1] === EQUALS;
  if (soft) end -= 1;
  const decoded = Buffer.allocUnsafe(end + 1);
  let length = 0;
  for (let index = 0; index < end; index += 1) {
    const byte = line[index]!;
    if (byte === EQUALS && index + 2 < end) {
      const high = hexValue(line[index + 1]!);
      const low = hexValue(line[index + 2]!);
      if (high >= 0 && low >= 0) {
        decoded[length++] = high * 16 + low;
        index += 2;
        continue;
      }
    }
    decoded[length++] = byte;
  }
  if (!soft) decoded[length++] = 10;
  return decoded.subarray(0, length);
}

export class DecodedUtf8Check {
  /** Where the first octet that is not valid UTF-8 came from (its encoded line, column 1). */
  invalidLine: number | undefined;
  private carry: Buffer | undefined;
  private carryLine = 0;
  private base64Rest = '';

  constructor(private readonly encoding: 'base64' | 'quoted-printable') {}

  /** One encoded line, its line ending excluded. */
  line(bytes: Buffer, line: number): void {
    if (this.invalidLine !== undefined) return;
    this.check(this.encoding === 'base64' ? this.decodeBase64(bytes) : decodeQuotedPrintableLine(bytes), line);
  }

  finish(): void {
    if (this.invalidLine === undefined && this.carry) this.invalidLine = this.carryLine;
  }

  private decodeBase64(bytes: Buffer): Buffer {
    const text = this.base64Rest + bytes.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, '');
    const whole = text.length - (text.length % 4);
    this.base64Rest = text.slice(whole);
    return Buffer.from(text.slice(0, whole), 'base64');
  }

  private check(decoded: Buffer, line: number): void {
    const carried = this.carry?.length ?? 0;
    const text = this.carry ? Buffer.concat([this.carry, decoded]) : decoded;
    const carryLine = this.carryLine;
    this.carry = undefined;
    if (isUtf8(text)) return;
    // A sequence cut at the end goes on in the next line's octets.
    const cut = incompleteUtf8Tail(text);
    const invalid = firstInvalidUtf8(text.subarray(0, cut));
    if (invalid !== -1) {
      this.invalidLine = invalid < carried ? carryLine : line;
      return;
    }
    if (cut < text.length) {
      this.carry = Buffer.from(text.subarray(cut));
      this.carryLine = cut < carried ? carryLine : line;
    }
  }
}
