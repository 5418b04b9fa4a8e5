// Splits a header section (octets) into fields, keeping every position, and records what is
// syntactically wrong with it. Lines are split at LF only; a bare CR stays part of its line.

import type { EightBitOccurrence, HeaderField, HeaderProblem, HeaderProblemKind, ValueSegment } from './types.js';

const MAX_PROBLEMS = 200;
const MAX_EIGHT_BIT_RECORDED = 20;
const EXCERPT_LENGTH = 60;

interface PhysicalLine {
  number: number;
  byteOffset: number;
  text: string;
  /** Line break as written: '\r\n', '\n' or '' (last line without one). */
  ending: string;
  hasEightBit: boolean;
  /** Index of the first octet above 127 in `text`, or -1. */
  firstEightBitIndex: number;
}

export interface HeaderSection {
  fields: HeaderField[];
  problems: HeaderProblem[];
  eightBit: EightBitOccurrence[];
  /** Set when the header ran into body text without a blank line. */
  bodyStartLine?: number;
}

const decoder = new TextDecoder('utf-8');

function splitLines(buffer: Buffer): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = 0;
  let number = 1;
  while (start < buffer.length) {
    const lf = buffer.indexOf(10, start);
    const end = lf === -1 ? buffer.length : lf;
    const hasCr = lf !== -1 && end > start && buffer[end - 1] === 13;
    const contentEnd = hasCr ? end - 1 : end;
    const content = buffer.subarray(start, contentEnd);
    let firstEightBit = -1;
    for (let index = 0; index < content.length; index += 1) {
      if (content[index]! > 127) {
        firstEightBit = index;
        break;
      }
    }
    const text = firstEightBit === -1 ? content.toString('latin1') : decoder.decode(content);
    lines.push({
      number,
      byteOffset: start,
      text,
      ending: lf === -1 ? '' : hasCr ? '\r\n' : '\n',
      hasEightBit: firstEightBit !== -1,
      firstEightBitIndex: firstEightBit === -1 ? -1 : decoder.decode(content.subarray(0, firstEightBit)).length,
    });
    number += 1;
    start = end + 1;
  }
  return lines;
}

const isWhiteSpace = (character: string | undefined): boolean => character === ' ' || character === '\t';

function isFieldLike(text: string): boolean {
  return text.length > 0 && !isWhiteSpace(text[0]) && text.includes(':');
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

export function parseHeaderSection(buffer: Buffer): HeaderSection {
  const allLines = splitLines(buffer);
  const blankIndex = allLines.findIndex((line) => line.text.length === 0 && line.ending !== '');
  const lines = blankIndex === -1 ? allLines : allLines.slice(0, blankIndex);

  // A line that is neither a field nor a continuation, with no field after it, is where the
  // body began without the blank line; receivers treat it and all after it as body.
  let lastFieldIndex = -1;
  lines.forEach((line, index) => {
    if (isFieldLike(line.text)) lastFieldIndex = index;
  });
  let headerEnd = lines.length;
  let bodyStartLine: number | undefined;
  const problems: HeaderProblem[] = [];
  const addProblem = (kind: HeaderProblemKind, line: number, column: number, text: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push({ kind, line, column, excerpt: excerpt(text) });
  };

  for (let index = lastFieldIndex + 1; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (!isWhiteSpace(line.text[0])) {
      headerEnd = index;
      bodyStartLine = line.number;
      addProblem('missing-blank-line', line.number, 1, line.text);
      break;
    }
  }

  const fields: HeaderField[] = [];
  const eightBit: EightBitOccurrence[] = [];
  let current: { field: HeaderField; segments: ValueSegment[] } | undefined;

  const closeCurrent = (): void => {
    if (current) fields.push({ ...current.field, segments: current.segments });
    current = undefined;
  };

  for (let index = 0; index < headerEnd; index += 1) {
    const line = lines[index]!;
    const controlIndex = firstControlCharacter(line.text);
    if (controlIndex !== -1) addProblem('control-character', line.number, controlIndex + 1, line.text);

    if (isWhiteSpace(line.text[0])) {
      if (!current) {
        addProblem('leading-continuation', line.number, 1, line.text);
        continue;
      }
      const field = current.field;
      current.segments.push({ valueIndex: field.value.length, line: line.number, column: 1 });
      field.rawValue += line.text + line.ending;
      field.value += line.text;
      field.endLine = line.number;
      if (line.hasEightBit) noteEightBit(field, line);
      continue;
    }

    closeCurrent();
    const colon = line.text.indexOf(':');
    if (colon === -1) {
      addProblem('no-colon', line.number, 1, line.text);
      continue;
    }
    const writtenName = line.text.slice(0, colon);
    const name = writtenName.replace(/[ \t]+$/, '');
    if (name.length === 0) {
      addProblem('empty-field-name', line.number, 1, line.text);
    } else if (!isValidFieldName(name)) {
      addProblem('bad-field-name', line.number, 1, line.text);
    } else if (name.length !== writtenName.length) {
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
    };
    current = { field, segments: [{ valueIndex: 0, line: line.number, column: colon + 2 }] };
    if (line.hasEightBit) noteEightBit(field, line);
  }
  closeCurrent();

  function noteEightBit(field: HeaderField, line: PhysicalLine): void {
    field.hasEightBit = true;
    if (eightBit.length < MAX_EIGHT_BIT_RECORDED) {
      eightBit.push({ fieldName: field.name, line: line.number, column: line.firstEightBitIndex + 1 });
    }
  }

  // Raw values end with the field's last line break; the unfolded value does not carry it.
  for (const field of fields) field.value = field.value.replace(/\r$/, '');
  return { fields, problems, eightBit, bodyStartLine };
}

/** Maps an index in a field's unfolded `value` to the line and column where it stands. */
export function locateInField(field: HeaderField, valueIndex: number): { line: number; column: number } {
  let segment = field.segments[0] ?? { valueIndex: 0, line: field.valueLine, column: field.valueColumn };
  for (const candidate of field.segments) {
    if (candidate.valueIndex <= valueIndex) segment = candidate;
    else break;
  }
  return { line: segment.line, column: segment.column + (valueIndex - segment.valueIndex) };
}
