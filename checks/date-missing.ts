import { defineCheck } from '../src/define-check.js';
import { formatInstant } from '../src/message/date-format.js';
import { insertFieldEdit } from '../src/message/field-bytes.js';

export default defineCheck({
  id: 'date-missing',
  title: 'Message has no Date header',
  target: 'message',
  defaultSeverity: 'error',
  prevents: '554 Transaction failed, reject due to policy restrictions (IONOS: not exactly one valid Date, RFC 5322 3.6)',
  references: ['RFC 5322 3.6', 'RFC 5322 3.6.1', 'RFC 6409 8.2'],
  needs: [],
  run({ message, now }) {
    if (message.fields.some((field) => field.lowerName === 'date')) return [];
    const date = formatInstant(now);
    return [
      {
        message: 'no Date header field: RFC 5322 requires exactly one, and receivers reject or score mail without it',
        line: 1,
        column: 1,
        fix: `add "Date: ${date}"`,
        edits: insertFieldEdit(message, `Date: ${date}`),
      },
    ];
  },
});
