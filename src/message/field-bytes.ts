// Where a header field's parts stand in the message's octets, for fixes that edit them. Positions
// come from the field as parsed: its byte offset, its raw value (line breaks of folding kept) and
// the unfolded value checks index into. A field whose octets are not valid UTF-8 has none: its
// decoded text would not write back the same octets.

import type { FixEdit } from '../fix/edit.js';
import type { HeaderField, ParsedMessage } from './types.js';

/** Printable ASCII but colon (RFC 5322 ftext). */
const ASCII_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

export interface FieldBytes {
  /** First octet of the field (its name). */
  start: number;
  /** First octet of the value: the one after the colon. */
  valueStart: number;
  /** End of the value: the field's last octet before its final line break. */
  valueEnd: number;
  /** End of the field, its final line break included. */
  end: number;
  /** The line break that ends the field: '\r\n', '\n' or '' (input ends inside it). */
  ending: string;
  /** The octet offset of an index in `field.value`. */
  offsetOf(valueIndex: number): number;
}

/** Where the field's parts are, or undefined when its octets cannot be edited through its text. */
export function fieldBytes(field: HeaderField): FieldBytes | undefined {
  if (field.invalidUtf8) return undefined;
  const prefixLength = field.valueColumn - 1;
  const fieldEnd = field.byteOffset + field.byteLength;
  const valueStart = field.byteOffset + prefixLength;
  const ending = /\r\n$/.test(field.rawValue) ? '\r\n' : field.rawValue.endsWith('\n') ? '\n' : '';
  // Name, white space and colon are then ASCII, so their characters are their octets.
  if (!ASCII_NAME.test(field.name)) return undefined;
  if (valueStart + Buffer.byteLength(field.rawValue) !== fieldEnd) return undefined;
  return {
    start: field.byteOffset,
    valueStart,
    valueEnd: fieldEnd - ending.length,
    end: fieldEnd,
    ending,
    offsetOf(valueIndex) {
      return valueStart + Buffer.byteLength(field.rawValue.slice(0, rawIndexOf(field.rawValue, valueIndex)));
    },
  };
}

/** The index in the raw value of an index in the unfolded value (line breaks of folding skipped). */
function rawIndexOf(rawValue: string, valueIndex: number): number {
  let seen = 0;
  let index = 0;
  while (index < rawValue.length && seen < valueIndex) {
    if (rawValue.startsWith('\r\n', index)) index += 2;
    else if (rawValue[index] === '\n') index += 1;
    else {
      index += 1;
      seen += 1;
    }
  }
  // A line break standing exactly at the index stays after it: an edit ending there keeps the field's fold.
  return index;
}

/** The line break most of the message's lines end with (CRLF on a tie: it is what SMTP sends). */
export function dominantLineEnding(message: ParsedMessage): '\r\n' | '\n' {
  return message.lineEndings.bareLf > message.lineEndings.crlf ? '\n' : '\r\n';
}

/** Where a new header field goes: after the last field read (never before an mbox "From " line). */
export function headerInsertionPoint(message: ParsedMessage): { offset: number; needsLineBreak: boolean } | undefined {
  if (message.header.truncated) return undefined;
  const last = message.fields[message.fields.length - 1];
  // No field at all (an empty file, an mbox separator alone): no header to add to.
  if (!last) return undefined;
  // The field's octet count is exact whatever its text: an insertion after it needs no decoding.
  return { offset: last.byteOffset + last.byteLength, needsLineBreak: !last.rawValue.endsWith('\n') };
}

/** An edit adding a header field (`Name: value`, no line break) after the last one; none when the header cannot take one safely. */
export function insertFieldEdit(message: ParsedMessage, fieldText: string): FixEdit[] {
  const point = headerInsertionPoint(message);
  if (!point) return [];
  const ending = dominantLineEnding(message);
  return [{ range: [point.offset, point.offset], text: `${point.needsLineBreak ? ending : ''}${fieldText}${ending}` }];
}

/** An edit writing a field's whole value anew (` value`, after the colon; the field's line break kept). */
export function replaceValueEdit(field: HeaderField, value: string): FixEdit[] {
  const bytes = fieldBytes(field);
  return bytes ? [{ range: [bytes.valueStart, bytes.valueEnd], text: ` ${value}` }] : [];
}
