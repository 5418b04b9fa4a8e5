// Small look-ups over parsed fields that several checks share.

import type { HeaderField, ParsedMessage } from './types.js';

/** The field a physical header line belongs to (folded fields span several lines). */
export function fieldAtLine(message: ParsedMessage, line: number): HeaderField | undefined {
  return message.fields.find((field) => field.line <= line && line <= field.endLine);
}

/** A line of the message as the report numbers it: a line of the enclosing file (see ParsedMessage.lineOffset). */
export function fileLine(message: Pick<ParsedMessage, 'lineOffset'>, line: number): number {
  return line + message.lineOffset;
}

/** "1,234" for readable octet counts in messages. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
