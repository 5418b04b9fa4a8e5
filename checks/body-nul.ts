import { defineCheck } from '../src/define-check.js';
import { fileLine, formatCount } from '../src/message/fields.js';
import type { Finding } from '../src/types.js';

// NUL in a body is never text: RFC 5322 2.3 forbids it, and receivers either refuse the message or
// cut the text at it (C strings end at NUL), so the reader sees less than was sent.

export default defineCheck({
  id: 'body-nul',
  title: 'NUL octet in a body',
  target: 'message',
  defaultSeverity: 'error',
  prevents: '554 5.6.0 message content rejected (NUL in the data); bodies cut short at the NUL by receivers and readers',
  references: ['RFC 5322 2.3', 'RFC 6152 3', 'RFC 3030 3'],
  needs: [],
  run({ message, mime }) {
    const findings: Finding[] = [];
    for (const entity of mime.entities) {
      const { firstNul, nulCount } = entity.content;
      if (!firstNul) continue;
      findings.push({
        ...firstNul,
        message: `${formatCount(nulCount)} NUL octet(s) in the body of ${entity.label}, the first at line ${fileLine(message, firstNul.line)}: RFC 5322 forbids NUL in a message, and receivers reject it or cut the text there`,
        fix: 'remove the NUL octets (often a UTF-16 text or a C string written with its terminator); binary data goes in a base64 attachment',
        data: { part: entity.path, nulCount },
      });
    }
    return findings;
  },
});
