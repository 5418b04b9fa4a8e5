// Small look-ups over parsed fields that several checks share.

import type { HeaderField, ParsedMessage } from './types.js';

/** The field a physical header line belongs to (folded fields span several lines). */
export function fieldAtLine(message: ParsedMessage, line: number): HeaderField | undefined {
  return message.fields.find((field) => field.line <= line && line <= field.endLine);
}

/** "1,234" for readable octet counts in messages. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
