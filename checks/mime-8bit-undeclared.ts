import { defineCheck } from '../src/define-check.js';
import type { Finding } from '../src/types.js';

// 8-bit octets in a part that says (or by default is) 7bit: a server without 8BITMIME must refuse
// it (554 5.6.1), one that converts it has no charset to go by, and readers guess. The same octets
// raw in a quoted-printable part were never encoded. Both are errors: rejected or mangled.

export default defineCheck({
  id: 'mime-8bit-undeclared',
  title: '8-bit octets in a part declared (or defaulting to) 7bit',
  target: 'message',
  defaultSeverity: 'error',
  prevents: '554 5.6.1 message content not accepted: 8-bit data without 8BITMIME; mojibake where a relay downgrades or a reader guesses',
  references: ['RFC 2045 2.7', 'RFC 2045 6.2', 'RFC 6152 3', 'RFC 5321 2.4'],
  needs: [],
  run({ mime }) {
    const findings: Finding[] = [];
    for (const entity of mime.entities) {
      const at = entity.content.firstEightBit;
      if (!at) continue;
      const declared = entity.transferEncoding !== undefined;
      if (entity.encoding === '7bit') {
        findings.push({
          ...at,
          message: `${entity.label} holds 8-bit octets but ${declared ? 'declares' : 'defaults to'} Content-Transfer-Encoding 7bit: servers without 8BITMIME reject it, and readers guess what the octets mean`,
          fix: 'declare "Content-Transfer-Encoding: 8bit" (with MIME-Version and a charset), or encode the part as quoted-printable or base64',
          data: { part: entity.path },
        });
      } else if (entity.encoding === 'quoted-printable') {
        findings.push({
          ...at,
          message: `${entity.label} is declared quoted-printable but holds raw 8-bit octets: they were never encoded, so they travel as undeclared 8-bit data`,
          fix: 'encode the text with a quoted-printable encoder (every octet over 127 as "=XX")',
          data: { part: entity.path },
        });
      }
    }
    return findings;
  },
});
