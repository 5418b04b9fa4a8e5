// Splits a header section (octets) into fields, keeping every position, and records what is
// syntactically wrong with it. Lines are split at LF only; a bare CR stays part of its line.
// Where the header section ends is decided by the scanner (it sees the whole stream); this module
// is told when the body began without the empty line.

import { isUtf8 } from 'node:buffer';
import type { EightBitOccurrence, HeaderField, HeaderProblem, HeaderProblemKind, Position, ValueSegment } from './types.js';

const MAX_PROBLEMS = 200;
const MAX_EIGHT_BIT_RECORDED = 20;
const EXCERPT_LENGTH = 60;

interface PhysicalLine {
  number: number;
  byteOffset: number;
  /** Octets of the line including its line break. */
  byteLength: number;
  text: string;
  /** Line break as written: '\r\n', '\n' or '' (last line without one). */
  ending: string;
  /** Column (1-based, characters) of the first octet above 127, or 0. */
  eightBitColumn: number;
  /** Column (1-based, characters) where the first invalid UTF-8 sequence starts, or 0. */
  invalidUtf8Column: number;
}

export interface BodyStartWithoutBlankLine {
  line: number;
  excerpt: string;
}

export interface HeaderSectionOptions {
  /** The header went past the parse limit: the last line may be cut and is dropped. */
  truncated?: boolean;
  /** The scanner found body text beginning at this line without an empty line before it. */
  bodyWithoutBlankLine?: BodyStartWithoutBlankLine;
}

export interface HeaderSection {
  fields: HeaderField[];
  problems: HeaderProblem[];
  eightBit: EightBitOccurrence[];
}

// ignoreBOM keeps a byte-order mark in the text: it is part of the line as a receiver reads it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Where a UTF-8 sequence cut off by the end of `bytes` starts (bytes.length when none is): text
 * read in pieces carries that tail to the next piece instead of judging it.
 */
export function incompleteUtf8Tail(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && bytes.length - back >= 0; back += 1) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/** Index of the first octet that does not start a valid UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index]!;
    if (byte < 0x80) {
      index += 1;
      continue;
    }
    let length: number;
    let min: number;
    if (byte >= 0xc2 && byte <= 0xdf) [length, min] = [2, 0x80];
    else if (byte >= 0xe0 && byte <= 0xef) [length, min] = [3, 0x800];
    else if (byte >= 0xf0 && byte <= 0xf4) [length, min] = [4, 0x10000];
    else return index;
    if (index + length > bytes.length) return index;
    let codePoint = byte & (0xff >> (length + 1));
    for (let offset = 1; offset < length; offset += 1) {
      const next = bytes[index + offset]!;
      if ((next & 0xc0) !== 0x80) return index;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return index;
    index += length;
  }
  return -1;
}

function splitLines(buffer: Uint8Array): PhysicalLine[] {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const lines: PhysicalLine[] = [];
  let start = 0;
  let number = 1;
  while (start < bytes.length) {
    const lf = bytes.indexOf(10, start);
    const end = lf === -1 ? bytes.length : lf;
    const hasCr = lf !== -1 && end > start && bytes[end - 1] === 13;
    const contentEnd = hasCr ? end - 1 : end;
    let firstEightBit = -1;
    for (let index = start; index < contentEnd; index += 1) {
      if (bytes[index]! > 127) {
        firstEightBit = index - start;
        break;
      }
    }
    let text: string;
    let eightBitColumn = 0;
    let invalidUtf8Column = 0;
    if (firstEightBit === -1) {
      // No view of the line is made for an ASCII line (most are): a Buffer object per line was
      // 47 MB of the 775 MB a 10,000-file bulk lint allocated (issue 15).
      text = bytes.toString('latin1', start, contentEnd);
    } else {
      const content = bytes.subarray(start, contentEnd);
      text = decoder.decode(content);
      eightBitColumn = decoder.decode(content.subarray(0, firstEightBit)).length + 1;
      if (!isUtf8(content)) {
        const invalid = firstInvalidUtf8(content);
        invalidUtf8Column = decoder.decode(content.subarray(0, invalid)).length + 1;
      }
    }
    lines.push({
      number,
      byteOffset: start,
      byteLength: (lf === -1 ? end : lf + 1) - start,
      text,
      ending: lf === -1 ? '' : hasCr ? '\r\n' : '\n',
      eightBitColumn,
      invalidUtf8Column,
    });
    number += 1;
    start = end + 1;
  }
  return lines;
}

const isWhiteSpace = (character: string | undefined): boolean => character === ' ' || character === '\t';

/**
 * The field name as receivers find it: characters up to white space or the colon, then optional
 * white space, then the colon (the scanner decides the same way on octets). Undefined: not a field.
 */
function fieldNameOf(text: string): { name: string; colon: number } | undefined {
  const match = /^([^ \t\r\n:]*)[ \t]*:/.exec(text);
  if (!match) return undefined;
  return { name: match[1]!, colon: match[0].length - 1 };
}

/** ftext of RFC 5322 3.6.8: printable US-ASCII except colon. */
function isValidFieldName(name: string): boolean {
  for (let index = 0; index < name.length; index += 1) {
    const code = name.charCodeAt(index);
    if (code < 33 || code > 126 || code === 58) return false;
  }
  return name.length > 0;
}

function firstControlCharacter(text: string): number {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if ((code < 32 && code !== 9 && code !== 13) || code === 127) return index;
  }
  return -1;
}

function excerpt(text: string): string {
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
}

export function parseHeaderSection(buffer: Uint8Array, options: HeaderSectionOptions = {}): HeaderSection {
  let lines = splitLines(buffer);
  const blankIndex = lines.findIndex((line) => line.text.length === 0 && line.ending !== '');
  if (blankIndex !== -1) lines = lines.slice(0, blankIndex);
  // Cut by the parse limit: the last line is incomplete and says nothing.
  else if (options.truncated && lines.length > 0 && lines[lines.length - 1]!.ending === '') lines = lines.slice(0, -1);

  const problems: HeaderProblem[] = [];
  const addProblem = (kind: HeaderProblemKind, line: number, column: number, text: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push({ kind, line, column, excerpt: excerpt(text) });
  };

  const fields: HeaderField[] = [];
  const eightBit: EightBitOccurrence[] = [];
  let current: { field: HeaderField; segments: ValueSegment[] } | undefined;

  const closeCurrent = (): void => {
    if (current) fields.push(Object.assign(current.field, { segments: current.segments }));
    current = undefined;
  };

  const noteEightBit = (field: HeaderField, line: PhysicalLine): void => {
    if (line.eightBitColumn === 0) return;
    field.hasEightBit = true;
    const position: Position = { line: line.number, column: line.eightBitColumn };
    field.firstEightBit ??= position;
    if (line.invalidUtf8Column > 0) field.invalidUtf8 ??= { line: line.number, column: line.invalidUtf8Column };
    if (eightBit.length < MAX_EIGHT_BIT_RECORDED) eightBit.push({ fieldName: field.name, ...position });
  };

  for (const line of lines) {
    if (line.number === 1 && line.text.startsWith('\uFEFF')) addProblem('byte-order-mark', 1, 1, line.text);
    const controlIndex = firstControlCharacter(line.text);
    if (controlIndex !== -1) addProblem('control-character', line.number, controlIndex + 1, line.text);

    if (isWhiteSpace(line.text[0])) {
      if (!current) {
        addProblem('leading-continuation', line.number, 1, line.text);
        continue;
      }
      if (/^[ \t]*$/.test(line.text)) {
        addProblem('whitespace-only-line', line.number, 1, line.text);
      }
      const field = current.field;
      current.segments.push({ valueIndex: field.value.length, line: line.number, column: 1 });
      field.rawValue += line.text + line.ending;
      field.value += line.text;
      field.endLine = line.number;
      field.byteLength += line.byteLength;
      noteEightBit(field, line);
      continue;
    }

    closeCurrent();
    const parsedName = fieldNameOf(line.text);
    if (!parsedName) {
      if (line.number === 1 && line.text.startsWith('From ')) addProblem('mbox-separator', 1, 1, line.text);
      else addProblem(line.text.includes(':') ? 'bad-field-name' : 'no-colon', line.number, 1, line.text);
      continue;
    }
    const { name, colon } = parsedName;
    if (name.length === 0) {
      addProblem('empty-field-name', line.number, 1, line.text);
    } else if (!isValidFieldName(name.charCodeAt(0) === 0xfeff ? name.slice(1) : name)) {
      addProblem('bad-field-name', line.number, 1, line.text);
    } else if (colon !== name.length) {
      addProblem('space-before-colon', line.number, name.length + 1, line.text);
    }
    const valueText = line.text.slice(colon + 1);
    const field: HeaderField = {
      name,
      lowerName: name.toLowerCase(),
      rawValue: valueText + line.ending,
      value: valueText,
      line: line.number,
      column: 1,
      byteOffset: line.byteOffset,
      endLine: line.number,
      valueLine: line.number,
      valueColumn: colon + 2,
      segments: [],
      hasEightBit: false,
      byteLength: line.byteLength,
    };
    current = { field, segments: [{ valueIndex: 0, line: line.number, column: colon + 2 }] };
    noteEightBit(field, line);
  }
  closeCurrent();

  if (options.bodyWithoutBlankLine) {
    addProblem('missing-blank-line', options.bodyWithoutBlankLine.line, 1, options.bodyWithoutBlankLine.excerpt);
  }
  // A bare CR at the end of a line is line content; the unfolded value does not end in it.
  for (const field of fields) if (field.value.endsWith('\r')) field.value = field.value.slice(0, -1);
  return { fields, problems, eightBit };
}

/** Maps an index in a field's unfolded `value` to the line and column where it stands. */
export function locateInField(field: HeaderField, valueIndex: number): Position {
  let segment = field.segments[0] ?? { valueIndex: 0, line: field.valueLine, column: field.valueColumn };
  for (const candidate of field.segments) {
    if (candidate.valueIndex <= valueIndex) segment = candidate;
    else break;
  }
  return { line: segment.line, column: segment.column + (valueIndex - segment.valueIndex) };
}
