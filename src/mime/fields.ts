// The MIME fields of a header section (MIME-Version and Content-*), parsed with positions. Only
// those are parsed: a message header is mostly Received, DKIM-Signature and address fields, which
// the message scanner parses already, and parsing them twice was most of the MIME scanner's cost.

import { parseHeaderSection } from '../message/header-section.js';
import type { HeaderField } from '../message/types.js';

const LF = 10;
const SPACE = 32;
const TAB = 9;
const CONTENT = Buffer.from('content-');
const MIME_VERSION = Buffer.from('mime-version');

function startsWithIgnoringCase(bytes: Buffer, at: number, prefix: Buffer): boolean {
  if (at + prefix.length > bytes.length) return false;
  for (let index = 0; index < prefix.length; index += 1) {
    // ASCII letters only differ by 0x20; "-" and digits are compared as they are.
    if ((bytes[at + index]! | 0x20) !== prefix[index]! && bytes[at + index] !== prefix[index]) return false;
  }
  return true;
}

/** Moves a field parsed on its own to where it stands in the header: `lines` down, `octets` on. */
export function shiftField(field: HeaderField, lines: number, octets = 0): HeaderField {
  if (lines === 0 && octets === 0) return field;
  const shift = <Located extends { line: number }>(position: Located): Located => ({ ...position, line: position.line + lines });
  return {
    ...field,
    line: field.line + lines,
    endLine: field.endLine + lines,
    valueLine: field.valueLine + lines,
    byteOffset: field.byteOffset + octets,
    segments: field.segments.map(shift),
    ...(field.firstEightBit ? { firstEightBit: shift(field.firstEightBit) } : {}),
    ...(field.invalidUtf8 ? { invalidUtf8: shift(field.invalidUtf8) } : {}),
  };
}

/** MIME-Version and Content-* fields of `header` (which starts at line `firstLine`), in order. */
export function mimeFieldsOf(header: Buffer, firstLine: number): HeaderField[] {
  const fields: HeaderField[] = [];
  let start = 0;
  let line = firstLine;
  let fieldStart = -1;
  let fieldLine = 0;
  const close = (end: number): void => {
    if (fieldStart < 0) return;
    const parsed = parseHeaderSection(header.subarray(fieldStart, end)).fields[0];
    if (parsed) fields.push(shiftField(parsed, fieldLine - 1, fieldStart));
    fieldStart = -1;
  };
  while (start < header.length) {
    const lf = header.indexOf(LF, start);
    const end = lf === -1 ? header.length : lf + 1;
    const first = header[start];
    const continuation = first === SPACE || first === TAB;
    if (!continuation) {
      close(start);
      if (startsWithIgnoringCase(header, start, CONTENT) || startsWithIgnoringCase(header, start, MIME_VERSION)) {
        fieldStart = start;
        fieldLine = line;
      }
    }
    start = end;
    line += 1;
  }
  close(header.length);
  return fields;
}
