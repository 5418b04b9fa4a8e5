import { defineCheck } from '../src/define-check.js';
import { fieldBytes } from '../src/message/field-bytes.js';
import { fileLine } from '../src/message/fields.js';
import type { HeaderField, ParsedMessage } from '../src/message/types.js';
import type { Finding, FixEdit } from '../src/types.js';

/** RFC 5322 3.6, the table's "max 1" origination, destination, identification and informational fields. */
const AT_MOST_ONCE = ['date', 'from', 'sender', 'reply-to', 'to', 'cc', 'bcc', 'message-id', 'in-reply-to', 'references', 'subject'];
const ADDRESS_LISTS = new Set(['to', 'cc', 'bcc', 'reply-to']);

/** Deleting a copy is safe only when it says exactly what the first says; differing copies are the user's call. */
function deleteIdenticalCopy(field: HeaderField, first: HeaderField): FixEdit[] {
  const withoutEnding = (text: string): string => text.replace(/\r?\n$/, '');
  if (field.name !== first.name || withoutEnding(field.rawValue) !== withoutEnding(first.rawValue)) return [];
  const bytes = fieldBytes(field);
  const firstBytes = fieldBytes(first);
  if (!bytes || !firstBytes) return [];
  return [{ range: [bytes.start, bytes.end], text: '' }];
}

function fixFor(message: ParsedMessage, field: HeaderField, first: HeaderField): string {
  const line = fileLine(message, field.line);
  if (ADDRESS_LISTS.has(field.lowerName)) {
    return `merge the addresses into the ${first.name} field at line ${fileLine(message, first.line)} (separated by commas) and delete line ${line}`;
  }
  if (field.lowerName === 'references') return `merge the message ids into one References field and delete line ${line}`;
  return `keep one ${first.name} field and delete the other (line ${line})`;
}

export default defineCheck({
  id: 'header-duplicate',
  title: 'A header field that may appear once appears more than once',
  target: 'message',
  defaultSeverity: 'error',
  prevents: '554 Transaction failed, reject due to policy restrictions (IONOS: From, Sender, To, Cc, Subject more than once; RFC 5322 3.6)',
  references: ['RFC 5322 3.6', 'RFC 5322 1.2.2'],
  needs: [],
  run({ message }) {
    const firstByName = new Map<string, HeaderField>();
    const findings: Finding[] = [];
    for (const field of message.fields) {
      if (!AT_MOST_ONCE.includes(field.lowerName)) continue;
      const first = firstByName.get(field.lowerName);
      if (!first) {
        firstByName.set(field.lowerName, field);
        continue;
      }
      findings.push({
        message: `${field.name} appears again (first at line ${fileLine(message, first.line)}): RFC 5322 3.6 allows one ${first.name} field, and receivers reject the message or each read a different one`,
        line: field.line,
        column: field.column,
        fix: fixFor(message, field, first),
        edits: deleteIdenticalCopy(field, first),
        data: { field: first.name, firstLine: fileLine(message, first.line) },
      });
    }
    return findings;
  },
});
