// The date fields a sender writes, parsed once for the date checks that read them.

import { parseDateTime, type DateTimeResult } from './date-time.js';
import type { HeaderField, ParsedMessage } from './types.js';

/** Fields whose value is an RFC 5322 date-time written by the sender (trace fields are the MTAs' business). */
const SENDER_DATE_FIELDS = new Set(['date', 'resent-date']);

export interface ParsedDateField {
  field: HeaderField;
  result: DateTimeResult;
}

/** Each Date and Resent-Date field of the message, in order, with its value parsed. */
export function senderDateFields(message: ParsedMessage): ParsedDateField[] {
  return message.fields.filter((field) => SENDER_DATE_FIELDS.has(field.lowerName)).map((field) => ({ field, result: parseDateTime(field.value) }));
}
