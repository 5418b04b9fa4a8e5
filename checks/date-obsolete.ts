import { defineCheck } from '../src/define-check.js';
import { formatLocalDateTime } from '../src/message/date-format.js';
import { senderDateFields } from '../src/message/date-fields.js';
import { replaceValueEdit } from '../src/message/field-bytes.js';
import type { ObsoleteDateUse } from '../src/message/date-time.js';
import { locateInField } from '../src/message/header-section.js';
import type { Finding } from '../src/types.js';

function describe(use: ObsoleteDateUse, year: number): string {
  switch (use.feature) {
    case 'two-digit-year':
    case 'three-digit-year':
      return `${use.text.length}-digit year "${use.text}" (read as ${year})`;
    case 'alphabetic-zone':
      return `zone name "${use.text}"`;
    case 'military-zone':
      return `military zone "${use.text}" (RFC 822 defined these letters with the wrong sign, so RFC 5322 reads it as -0000, offset unknown)`;
    case 'comment-or-space':
      return use.text;
  }
}

export default defineCheck({
  id: 'date-obsolete',
  title: 'Date header uses obsolete RFC 5322 syntax',
  target: 'message',
  defaultSeverity: 'warn',
  prevents: 'misread dates and 554 policy rejections at strict receivers (RFC 5322 4: obsolete forms MUST NOT be generated)',
  references: ['RFC 5322 3.3', 'RFC 5322 4.3', 'RFC 5322 Appendix A.6.2'],
  needs: [],
  run({ message }) {
    const findings: Finding[] = [];
    for (const { field, result } of senderDateFields(message)) {
      if (!result.ok || result.value.obsolete.length === 0) continue;
      const { value } = result;
      const descriptions = [...new Set(value.obsolete.map((use) => describe(use, value.year)))];
      const modern = formatLocalDateTime(value);
      const at = locateInField(field, value.obsolete[0]!.index);
      const military = value.obsolete.some((use) => use.feature === 'military-zone');
      findings.push({
        message:
          `${field.name} uses obsolete syntax that RFC 5322 forbids generating: ${descriptions.join('; ')}; ` +
          `write "${modern}"${military ? ' (or +0000 if the time is UTC)' : ''}`,
        line: at.line,
        column: at.column,
        fix: `replace with "${field.name}: ${modern}"`,
        edits: replaceValueEdit(field, modern),
        data: { field: field.name, features: [...new Set(value.obsolete.map((use) => use.feature))] },
      });
    }
    return findings;
  },
});
