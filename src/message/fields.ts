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

/**
 * "1,234" for readable counts in messages, as toLocaleString('en-US') writes integers. By hand: Intl's
 * number formatting costs a few ms of CPU to set up on a run's first use (issue 15, start-up).
 */
export function formatCount(count: number): string {
  if (!Number.isSafeInteger(count)) return count.toLocaleString('en-US');
  const digits = String(Math.abs(count));
  let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let index = grouped.length; index < digits.length; index += 3) grouped += `,${digits.slice(index, index + 3)}`;
  return count < 0 ? `-${grouped}` : grouped;
}

/** Code-unit order, for ASCII names (check ids, targets): localeCompare sets up an ICU collator, a few ms on first use. */
export function compareAscii(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
