import { defineCheck } from '../src/define-check.js';
import { senderDateFields } from '../src/message/date-fields.js';
import { locateInField } from '../src/message/header-section.js';
import type { Finding } from '../src/types.js';

export default defineCheck({
  id: 'date-invalid',
  title: 'Date header is not a valid RFC 5322 date-time',
  target: 'message',
  defaultSeverity: 'error',
  prevents: '554 Transaction failed, reject due to policy restrictions (IONOS: not exactly one valid Date, RFC 5322 3.3)',
  references: ['RFC 5322 3.3', 'RFC 5322 3.6.1', 'RFC 5322 4.3'],
  needs: [],
  run({ message }) {
    const findings: Finding[] = [];
    for (const { field, result } of senderDateFields(message)) {
      if (result.ok) continue;
      const { error } = result;
      const at = locateInField(field, error.index);
      findings.push({
        message:
          error.kind === 'syntax'
            ? `${field.name} is not an RFC 5322 date-time: ${error.message}; write it like "Tue, 24 Nov 2026 10:00:00 +0000"`
            : `${field.name} is not a real date and time: ${error.message}; correct it`,
        line: at.line,
        column: at.column,
        data: { field: field.name, kind: error.kind, index: error.index },
      });
    }
    return findings;
  },
});
