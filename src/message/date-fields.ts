// The date fields a sender writes, parsed once per message for the date checks that read them
// (date-invalid, date-obsolete, date-skew), as address fields are in address.ts.

import { parseDateTime, type DateTimeResult } from './date-time.js';
import type { HeaderField, ParsedMessage } from './types.js';

/** Fields whose value is an RFC 5322 date-time written by the sender (trace fields are the MTAs' business). */
const SENDER_DATE_FIELDS = new Set(['date', 'resent-date']);

export interface ParsedDateField {
  field: HeaderField;
  result: DateTimeResult;
}

const parsedOfMessage = new WeakMap<ParsedMessage, readonly ParsedDateField[]>();

/** Each Date and Resent-Date field of the message, in order, with its value parsed. */
export function senderDateFields(message: ParsedMessage): readonly ParsedDateField[] {
  let parsed = parsedOfMessage.get(message);
  if (parsed === undefined) {
    parsed = message.fields
      .filter((field) => SENDER_DATE_FIELDS.has(field.lowerName))
      .map((field) => ({ field, result: parseDateTime(field.value) }));
    parsedOfMessage.set(message, parsed);
  }
  return parsed;
}
